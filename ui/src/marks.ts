// The page's start-up milestones, in ms since it began loading (performance.now()), sent with the
// ready mark (ready.ts) so `make bench` shows where the start-up goes. Imported first by main.tsx
// and free of imports itself, so `script` is when the first module of the app ran.
export const marks: Array<[string, number]> = [];

export function mark(name: string): void {
  marks.push([name, performance.now()]);
}

mark('script');
