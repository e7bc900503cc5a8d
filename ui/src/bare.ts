// The startup benchmark's baseline: a page in the same shell that does nothing but report.
import { reportStartup } from "./api";

requestAnimationFrame(() => requestAnimationFrame(() => void reportStartup("bare")));
