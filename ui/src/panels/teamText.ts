// The Team panel's words, in both languages (one shown at a time, like i18n.ts): kept beside
// the panel so the shared table stays small. Server messages are shown as the server wrote them.

import { lang } from "../i18n";

const words = {
  title: ["团队共享图集", "Shared team atlas"],
  intro: ["通过单位的 PostgreSQL + PostGIS 服务器与同事共享笔记、自有图层和路线。离线时照常工作,下次同步时提交。", "Share notes, own layers and tours with colleagues through the bureau's PostgreSQL + PostGIS server. Work offline as usual; changes go up at the next sync."],
  server: ["服务器", "Server"],
  serverPlaceholder: ["host=… dbname=… user=… 或 postgresql://用户@主机/数据库", "host=… dbname=… user=… or postgresql://user@host/dbname"],
  serverSave: ["保存地址", "Save address"],
  serverSaved: ["地址已保存,下次同步时连接。", "Address saved; the next sync connects to it."],
  passwordHint: ["密码请放在 PGPASSWORD 环境变量或 ~/.pgpass 中,绝不保存在图集文件里。", "Put the password in PGPASSWORD or ~/.pgpass; it is never stored in the atlas file."],
  noServer: ["尚未设置", "not set"],
  whoAmI: ["我的身份", "Who I am"],
  notYet: ["同步后显示", "shown after a sync"],
  role_admin: ["管理员(管理图层与成员)", "admin (manages layers and members)"],
  role_editor: ["编辑(可改自己的笔记和获授权的图层)", "editor (own notes and granted layers)"],
  role_viewer: ["只读", "viewer (read only)"],
  role_none: ["服务器上无团队角色", "no team role on the server"],
  lastSync: ["上次同步", "Last sync"],
  never: ["从未同步", "never"],
  pending: ["待提交的本地修改", "Pending local changes"],
  none: ["无", "none"],
  kind_layer: ["图层", "layers"],
  kind_feature: ["要素", "features"],
  kind_tour: ["路线", "tours"],
  kind_stop: ["路线站点", "tour stops"],
  kind_note: ["笔记", "notes"],
  sync: ["立即同步", "Sync now"],
  syncing: ["正在同步…(可继续工作)", "Syncing… (keep working)"],
  synced: ["同步完成", "Synced"],
  pushed: ["已提交", "pushed"],
  pulled: ["已拉取", "pulled"],
  newConflicts: ["新冲突", "new conflicts"],
  refused: ["服务器拒绝了以下修改,它们仍待提交:", "The server refused these changes; they stay pending:"],
  syncFailed: ["同步未完成,本地修改仍待提交:", "The sync did not complete; your changes stay pending:"],
  conflicts: ["冲突", "Conflicts"],
  noConflicts: ["没有冲突。", "No conflicts."],
  current: ["当前版本", "Current version"],
  otherVersion: ["未采用的版本", "Version not taken"],
  deletedVersion: ["(已删除)", "(deleted)"],
  changedVersion: ["(已修改)", "(changed)"],
  by: ["修改者", "by"],
  keepMine: ["保留我的", "Keep mine"],
  keepTheirs: ["保留对方的", "Keep theirs"],
  keepBoth: ["两者都保留", "Keep both"],
  keepHint: ["“我的”指未被采用的版本;结果在下次同步时共享。", "“Mine” is the version not taken; the choice is shared at the next sync."],
  status_open: ["待解决", "open"],
  status_kept_mine: ["已保留我的", "kept mine"],
  status_kept_theirs: ["已保留对方的", "kept theirs"],
  status_kept_both: ["已保留两者", "kept both"],
  resolvedSync: ["已解决,下次同步时共享。", "Resolved; shared at the next sync."],
} as const satisfies Record<string, readonly [string, string]>;

export type TeamWord = keyof typeof words;

export function tt(key: TeamWord): string {
  return words[key][lang() === "zh" ? 0 : 1];
}

/** A word chosen by a value from the server (a role, a kind, a status); the value itself when
 * there is no word for it (a newer server's). */
export function ttOr(prefix: "role_" | "kind_" | "status_", value: string): string {
  const key = `${prefix}${value}`;
  return key in words ? tt(key as TeamWord) : value;
}
