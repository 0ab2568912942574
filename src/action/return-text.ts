// The heavy half of mode return (reading, validating, redacting and rendering the return, and the delivery flow
// that parses the document), in a module of its own so that return.ts imports it once its first request
// is in flight rather than before it (a chunk of its own in the bundle).
export { prepareReturn } from "../core/prepare.js";
export { deliverReturn } from "../flows/return.js";
export { overrideStatus, readReturn } from "./return-document.js";
