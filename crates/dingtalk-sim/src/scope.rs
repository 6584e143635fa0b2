//! The permission-point codes (权限点) the simulator enforces, one constant per code.
//!
//! Codes are the ones the DingTalk docs name for each API (`docs/dingtalk/endpoints.md`). Two
//! field-level codes are UNCONFIRMED (the console items 企业员工手机号信息 and 邮箱等个人信息): the
//! simulator uses `Contact.User.mobile` and `fieldEmail`, so `mobile`/`email` appear in user
//! answers only when the app holds those codes.

/// 成员信息读权限: `user/count`, `user/listid`, `v2/user/get`, `user/getbyunionid`.
pub const GET_MEMBER: &str = "qyapi_get_member";
/// 通讯录部门信息读权限: `v2/department/listsub`, `listsubid`, `get`.
pub const GET_DEPARTMENT_LIST: &str = "qyapi_get_department_list";
/// 通讯录部门成员读权限: `v2/user/list`.
pub const GET_DEPARTMENT_MEMBER: &str = "qyapi_get_department_member";
/// 通讯录个人信息读权限: `/v1.0/contact/users/me`.
pub const CONTACT_USER_READ: &str = "Contact.User.Read";
/// 个人手机号信息: adds `mobile` (and `state_code`) to user answers. Code UNCONFIRMED.
pub const CONTACT_USER_MOBILE: &str = "Contact.User.mobile";
/// 邮箱等个人信息: adds `email` to user answers. Code UNCONFIRMED.
pub const FIELD_EMAIL: &str = "fieldEmail";
/// 待办应用中待办写权限: create todos.
pub const TODO_WRITE: &str = "Todo.Todo.Write";
/// 待办应用中待办读权限: query todos.
pub const TODO_READ: &str = "Todo.Todo.Read";
/// Granted to every app: tokens, `auth/scopes` (DOCS 0053), work notifications (DOCS 0769),
/// `attendance/getsimplegroups` (DOCS 0179).
pub const BASE: &str = "qyapi_base";
/// 管理微应用的权限: `GET /v1.0/microApp/apps/{agentId}/scopes` (DOCS 0872). The simulator also
/// gates the deprecated `/microapp/visible_scopes` on it: DOCS 1606 names no code and says new
/// apps cannot apply (不支持新增), so a healthy new app lacks it (UNCONFIRMED code).
pub const MICROAPP_MANAGE: &str = "qyapi_microapp_manage";
