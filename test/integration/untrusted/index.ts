// The untrusted-workspace session: same runner as the main suite, its own tests.
export { run } from '../suite/index.js';
