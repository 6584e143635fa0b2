//! Where a fix happens: the console pages (docs/dingtalk/console.md#pages-and-labels) and doc
//! pages (docs/dingtalk/console.md#doc-pages-linked-from-diagnoses) that a diagnosis links to,
//! and the permission (scope) codes the admin searches for in 权限管理. Only https pages on
//! `open-dev.dingtalk.com` and `open.dingtalk.com`, so every link passes [`crate::console::resolve`].

/// Internal app list (应用开发 › 企业内部应用); the admin clicks the app to reach its settings.
pub const CONSOLE_APPS: &str = "https://open-dev.dingtalk.com/fe/app#/corp/app";
/// Console home page, which shows the CorpId.
pub const CONSOLE_HOME: &str = "https://open-dev.dingtalk.com/";
/// 基本信息 › 开发信息（旧版）, which shows the org-level SSOsecret.
pub const CONSOLE_SSO_SECRET: &str = "https://open-dev.dingtalk.com/fe/old#/corpAuthInfo";
/// The global error-code catalogue (全局错误码).
pub const DOC_ERROR_CODES: &str =
    "https://open.dingtalk.com/document/development/server-api-error-codes-1";
/// How to add an API permission.
pub const DOC_ADD_PERMISSION: &str =
    "https://open.dingtalk.com/document/development/add-api-permission";
/// Call-frequency limits, quotas and the per-IP ban.
pub const DOC_RATE_LIMIT: &str =
    "https://open.dingtalk.com/document/development/call-frequency-limit";
/// The internal app's access token (lifetime, caching).
pub const DOC_TOKEN: &str =
    "https://open.dingtalk.com/document/development/obtain-the-access-token-of-an-internal-app";
/// The login signature (timestamp in milliseconds, 1-minute window).
pub const DOC_SIGNATURE: &str =
    "https://open.dingtalk.com/document/development/signature-personal-registration";
/// HTTP-push encryption and the required encrypted "success" reply.
pub const DOC_CALLBACK_CRYPTO: &str = "https://open.dingtalk.com/document/development/callback-event-message-body-encryption-and-decryption";
/// Web login tutorial: internal apps do not allow cross-org login.
pub const DOC_WEB_LOGIN: &str =
    "https://open.dingtalk.com/document/development/tutorial-obtaining-user-personal-information";
/// Work notifications and their silent per-user limits.
pub const DOC_SEND_MESSAGE: &str = "https://open.dingtalk.com/document/development/asynchronous-sending-of-enterprise-session-messages";
/// In-app free login (免登) for internal apps.
pub const DOC_IN_APP_LOGIN: &str =
    "https://open.dingtalk.com/document/development/enterprise-internal-application-logon-free";
/// Event push modes: Stream mode (Stream 模式推送) and HTTP push, and how to configure each (DOCS 0003).
pub const DOC_STREAM: &str = "https://open.dingtalk.com/document/development/configure-stream-push";

/// Every link a diagnosis may carry.
pub const ALL: [&str; 13] = [
    CONSOLE_APPS,
    CONSOLE_HOME,
    CONSOLE_SSO_SECRET,
    DOC_ERROR_CODES,
    DOC_ADD_PERMISSION,
    DOC_RATE_LIMIT,
    DOC_TOKEN,
    DOC_SIGNATURE,
    DOC_CALLBACK_CRYPTO,
    DOC_WEB_LOGIN,
    DOC_SEND_MESSAGE,
    DOC_IN_APP_LOGIN,
    DOC_STREAM,
];

/// The console's name for a permission code (docs/dingtalk/console.md#permission-codes), as
/// `(zh, en)`.
pub fn scope_label(scope: &str) -> Option<(&'static str, &'static str)> {
    Some(match scope {
        "qyapi_base" => (
            "调用企业API时需要具备的基本权限",
            "basic permission to call enterprise APIs",
        ),
        "qyapi_get_member" => ("成员信息读权限", "read member info"),
        "qyapi_get_department_list" => ("通讯录部门信息读权限", "read department info"),
        "qyapi_get_department_member" => ("通讯录部门成员读权限", "read department members"),
        "Contact.User.Read" => ("通讯录个人信息读权限", "read personal contact info"),
        "Contact.User.mobile" => ("个人手机号信息", "personal mobile number"),
        "Todo.Todo.Write" => ("待办应用中待办写权限", "write todos"),
        "Todo.Todo.Read" => ("待办应用中待办读权限", "read todos"),
        "Todo.PersonalTodo.Write" => (
            "以用户的个人身份创建或更新个人待办数据",
            "create or update personal todos as the user",
        ),
        "qyapi_get_omp_sso_userinfo" => ("企业OA后台免登访问权限", "OA back-office SSO access"),
        _ => return None,
    })
}

/// Which permission an API path needs (docs/dingtalk/console.md#permission-codes), so a bare
/// 60011 / 403 found next to the URL that caused it can still name the permission to enable.
pub fn scope_for_api(text: &str) -> Option<&'static str> {
    const PATHS: [(&str, &str); 11] = [
        ("/v1.0/contact/users/", "Contact.User.Read"),
        ("/org/tasks/query", "Todo.Todo.Read"),
        ("/personaltasks", "Todo.PersonalTodo.Write"),
        ("/v1.0/todo/users/", "Todo.Todo.Write"),
        ("/v1.0/oauth2/ssouserinfo", "qyapi_get_omp_sso_userinfo"),
        ("/topapi/v2/user/list", "qyapi_get_department_member"),
        ("/topapi/v2/department/", "qyapi_get_department_list"),
        ("/topapi/user/count", "qyapi_get_member"),
        ("/topapi/user/listid", "qyapi_get_member"),
        ("/topapi/v2/user/get", "qyapi_get_member"),
        ("/topapi/user/getbyunionid", "qyapi_get_member"),
    ];
    let lower = text.to_ascii_lowercase();
    PATHS
        .iter()
        .find(|(path, _)| lower.contains(path))
        .map(|&(_, scope)| scope)
}
