// The screenshot session: the extension on a real repository's tree (ASK_CODEBASE_SCREENSHOT_TREE),
// run only when that is set. Same mocha runner as the main suite.
export { run } from '../suite/index.js';
