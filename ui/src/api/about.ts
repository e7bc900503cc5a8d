// Help → About: the version, the plan edition and the data sources (src-tauri/src/about_command.rs).

import { call } from "./call";

export interface DataSource {
  what: string;
  origin: string;
  licence: string;
  /** The same three in Chinese (the About box in Chinese). */
  what_zh: string;
  origin_zh: string;
  licence_zh: string;
}

export interface About {
  version: string;
  plan_title: string;
  plan_edition: string;
  sources: DataSource[];
}

export const about = () => call<About>("about");
