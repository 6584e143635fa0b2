import { mark } from './marks';
import React from 'react';
import ReactDOM from 'react-dom/client';
import './i18n';
import './styles.css';
import App from './App';

mark('modules');

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
