// One IPC round trip, one div painted with its answer, then the mark once that frame has run:
// the same rule as Dingbind's start screen (ui/src/ready.ts), with the same milestones.
const marks = [['script', performance.now()]];
const invoke = window.__TAURI_INTERNALS__.invoke;
invoke('hello').then((text) => {
  marks.push(['boot', performance.now()]);
  document.getElementById('root').textContent = text;
  requestAnimationFrame(() =>
    setTimeout(() => {
      marks.push(['drawn', performance.now()]);
      invoke('mark', { marks });
    }, 0),
  );
});
