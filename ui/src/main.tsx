import { mark } from './marks';
import React from 'react';
import ReactDOM from 'react-dom/client';
import './i18n';
import 'virtual:antd-styles.css';
import './styles.css';
import App from './App';
import { type Start, start } from './boot';

mark('modules');
// Before React's first render: the shell answers while React sets up.
const started = start();

// The stylesheet holds antd's styles and their index (vite.config.ts, antdStyles): antd reads that
// index once, at its first render, and makes at run time every style it did not find. WebKit may
// run this module before the sheet is in, so the first render waits for it (at once when it is).
const sheets = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).filter((l) => !l.sheet);
const styles = Promise.all(
  sheets.map(
    (l) =>
      new Promise((done) => {
        l.addEventListener('load', done, { once: true });
        l.addEventListener('error', done, { once: true });
      }),
  ),
).then(() => mark('styles'));
// The shell usually answers within a few ms: React's first render is then the start screen itself,
// not a header and spinner drawn only to be replaced. Past 300 ms it draws those, then a fresh App
// with the answers.
const root = ReactDOM.createRoot(document.getElementById('root')!);
const show = (start: Start | null) =>
  root.render(
    <React.StrictMode>
      <App key={start ? 'started' : 'waiting'} start={start} />
    </React.StrictMode>,
  );
void styles.then(() => {
  const waiting = setTimeout(() => show(null), 300);
  void started.then((s) => {
    clearTimeout(waiting);
    show(s);
  });
});
