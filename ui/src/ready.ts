// Tells the shell once, per start, that the first screen is drawn and answers input: called when
// the start screen has committed with its list of bindings; the call goes out from a timer queued
// in the next animation frame, i.e. after WebKit ran that frame's rendering update and the main
// thread is free for a click. `make bench` times the start-up by it (scripts/bench-start.py).
// What waits for the start screen (the wizard's code, fetched in idle time) runs after it.
import { api } from './ipc';
import { mark, marks } from './marks';

let told = false;
const after: Array<() => void> = [];

/** Runs `work` once the first screen is drawn (at once if it already is). */
export function whenDrawn(work: () => void): void {
  if (told) setTimeout(work, 0);
  else after.push(work);
}

export function firstScreenDrawn(): void {
  if (told) return;
  told = true;
  mark('committed');
  requestAnimationFrame(() => {
    mark('frame');
    setTimeout(() => {
      mark('drawn');
      api.uiReady(marks).catch(() => {
        // Only a benchmark listens: nothing to tell the admin.
      });
      for (const work of after.splice(0)) setTimeout(work, 0);
    }, 0);
  });
}
