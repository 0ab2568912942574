// The package's entry: `probot run ./lib/src/index.js` loads this default export.
export { default } from "./app/index.js";
