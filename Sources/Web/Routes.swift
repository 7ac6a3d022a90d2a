/// The map of the panel: every address (`Path`) and every route on it (`Routes.table`), with who
/// may call it, how its form is protected and what answers. Nothing else in the code names a
/// path: redirects and links are built with `Path.link`, and a test checks that every link and
/// form action in `templates/pages` leads to a route of this table.
///
/// `AdminApp` answers from the table: an unknown path is 404; a method the path does not have is
/// 405 with `Allow` (HEAD is GET without the body); then the access gate (no session: a GET goes
/// to the login page, anything else is 403), then the CSRF check of a POST, then the handler.
///
/// Adding a page (say «Обзор» at `/overview`):
/// 1. `case overview = "/overview"` in `Path`, and `Route("GET", .overview, .session,
///    OverviewController.show)` in `table` (a POST line names its CSRF policy).
/// 2. `OverviewController.show(_ context: RequestContext) throws -> HTTPResponse`: it reads what it
///    needs from the context (request, form, session, db, now, language, services) and returns
///    `context.render(OverviewPage(...))`.
/// 3. `struct OverviewPage: PageModel` with its fields (`templateFields`), `template = "overview"`
///    and `compiled = \Pages.overview`; a `let overview` in `Pages`, compiled in its `init`.
/// 4. `templates/pages/overview.mustache` (`{{<layout}}…{{/layout}}`); `{{x}}` escapes, `{{t.key}}`
///    is a text of `templates/i18n/*.json`. The golden test (`PageGoldenTests`) gets a case.
enum Path: String, CaseIterable, Sendable {
    case home = "/"
    case login = "/login"
    case logout = "/logout"
    case language = "/lang"
    case profiles = "/profiles"
    case newProfile = "/profiles/new"
    case profileExport = "/profiles/export.xlsx"
    case profile = "/profiles/:id"
    case editProfile = "/profiles/:id/edit"
    case deleteProfile = "/profiles/:id/delete"
    case defaultProfile = "/profiles/:id/default"
    case checkProfile = "/profiles/:id/check"
    case events = "/events"
    case newEvent = "/events/new"
    case eventExport = "/events/export.xlsx"
    case event = "/events/:code"
    case eventPreview = "/events/:code/preview"
    case tokens = "/tokens"
    case tokenExport = "/tokens/export.xlsx"
    case revokeToken = "/tokens/:id/revoke"
    case journal = "/journal"
    case journalExport = "/journal/export.xlsx"
    case letter = "/journal/:id"
    case retryLetter = "/journal/:id/retry"
    case cancelLetter = "/journal/:id/cancel"
    case retryFailed = "/journal/retry-failed/:id"
    case settings = "/settings"
    case apiMessages = "/api/v1/messages"
}

enum Routes {
    // swift-format-ignore
    static let table = RouteTable([
        Route("GET",  .home,           .everyone, { _ in .redirect(to: Path.profiles.link()) }),
        Route("GET",  .login,          .everyone, LoginController.page),
        Route("POST", .login,          .everyone, csrf: .loginForm, LoginController.submit),
        Route("POST", .logout,         .session,  csrf: .session, LoginController.logout),
        Route("GET",  .language,       .everyone, LanguageController.switchLanguage),

        Route("GET",  .profiles,       .session,  ProfileListController.show),
        Route("POST", .profiles,       .session,  csrf: .session, ProfileFormController.create),
        Route("GET",  .newProfile,     .session,  ProfileFormController.new),
        Route("GET",  .profileExport,  .session,  ProfileListController.export),
        Route("GET",  .editProfile,    .session,  ProfileFormController.edit),
        Route("POST", .profile,        .session,  csrf: .session, ProfileFormController.update),
        Route("GET",  .deleteProfile,  .session,  ProfileDeleteController.confirm),
        Route("POST", .deleteProfile,  .session,  csrf: .session, ProfileDeleteController.delete),
        Route("POST", .defaultProfile, .session,  csrf: .session, ProfileDeleteController.makeDefault),
        Route("GET",  .checkProfile,   .session,  ProfileCheckController.show),
        Route("POST", .checkProfile,   .session,  csrf: .session, ProfileCheckController.run),

        Route("GET",  .events,         .session,  EventListController.show),
        Route("POST", .events,         .session,  csrf: .session, EventListController.create),
        Route("GET",  .newEvent,       .session,  EventListController.new),
        Route("GET",  .eventExport,    .session,  EventListController.export),
        Route("GET",  .event,          .session,  EventFormController.show),
        Route("POST", .event,          .session,  csrf: .session, EventFormController.save),
        Route("POST", .eventPreview,   .session,  csrf: .session, EventFormController.preview),

        Route("GET",  .tokens,         .session,  TokenController.list),
        Route("POST", .tokens,         .session,  csrf: .session, TokenController.create),
        Route("GET",  .tokenExport,    .session,  TokenController.export),
        Route("GET",  .revokeToken,    .session,  TokenController.confirmRevoke),
        Route("POST", .revokeToken,    .session,  csrf: .session, TokenController.revoke),

        Route("GET",  .journal,        .session,  JournalController.show),
        Route("GET",  .journalExport,  .session,  JournalController.export),
        Route("GET",  .letter,         .session,  JournalLetterController.show),
        Route("GET",  .retryLetter,    .session,  JournalActionsController.confirmRetry),
        Route("POST", .retryLetter,    .session,  csrf: .session, JournalActionsController.retry),
        Route("GET",  .cancelLetter,   .session,  JournalActionsController.confirmCancel),
        Route("POST", .cancelLetter,   .session,  csrf: .session, JournalActionsController.cancel),
        Route("GET",  .retryFailed,    .session,  JournalActionsController.confirmRetryFailed),
        Route("POST", .retryFailed,    .session,  csrf: .session, JournalActionsController.retryFailed),

        Route("GET",  .settings,       .session,  SettingsController.show),
        Route("POST", .settings,       .session,  csrf: .session, SettingsController.save),

        Route("POST", .apiMessages,    .apiToken, APIController.createMessage),
    ])
}
