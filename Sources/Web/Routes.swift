/// The map of the panel: every address (`Path`) and every route on it (`Routes.table`), with who
/// may call it, how its form is protected and what answers. Nothing else in the code names a
/// path: redirects and links are built with `Path.link`, and a test checks that every link and
/// form action in `templates/pages` leads to a route of this table.
///
/// `AdminApp` answers from the table: an unknown path is 404; a method the path does not have is
/// 405 with `Allow` (HEAD is GET without the body); then the access gate (no session: a GET goes
/// to the login page, anything else is 403), then the CSRF check of a POST, then the handler. A
/// GET handler runs in one read transaction and must not write (a POST does what changes).
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
    case overview = "/overview"
    case overviewExport = "/overview/export.xlsx"
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
    case metrics = "/metrics"
    case apiMessage = "/api/v1/messages/:id"
}

enum Routes {
    // swift-format-ignore
    static let table = RouteTable([
        Route(.get,  .home,           .everyone, { _ in .redirect(to: Path.overview.link()) }),
        Route(.get,  .login,          .everyone, LoginController.page),
        Route(.post, .login,          .everyone, csrf: .loginForm, LoginController.submit),
        Route(.post, .logout,         .session,  csrf: .session, LoginController.logout),
        Route(.get,  .language,       .everyone, LanguageController.switchLanguage),

        Route(.get,  .overview,       .session,  OverviewController.show),
        Route(.get,  .overviewExport, .session,  OverviewController.export),

        Route(.get,  .profiles,       .session,  ProfileListController.show),
        Route(.post, .profiles,       .session,  csrf: .session, ProfileFormController.create),
        Route(.get,  .newProfile,     .session,  ProfileFormController.new),
        Route(.get,  .profileExport,  .session,  ProfileListController.export),
        Route(.get,  .editProfile,    .session,  ProfileFormController.edit),
        Route(.post, .profile,        .session,  csrf: .session, ProfileFormController.update),
        Route(.get,  .deleteProfile,  .session,  ProfileDeleteController.confirm),
        Route(.post, .deleteProfile,  .session,  csrf: .session, ProfileDeleteController.delete),
        Route(.post, .defaultProfile, .session,  csrf: .session, ProfileDeleteController.makeDefault),
        Route(.get,  .checkProfile,   .session,  ProfileCheckController.show),
        Route(.post, .checkProfile,   .session,  csrf: .session, ProfileCheckController.run),

        Route(.get,  .events,         .session,  EventListController.show),
        Route(.post, .events,         .session,  csrf: .session, EventListController.create),
        Route(.get,  .newEvent,       .session,  EventListController.new),
        Route(.get,  .eventExport,    .session,  EventListController.export),
        Route(.get,  .event,          .session,  EventFormController.show),
        Route(.post, .event,          .session,  csrf: .session, EventFormController.save),
        Route(.post, .eventPreview,   .session,  csrf: .session, EventFormController.preview),

        Route(.get,  .tokens,         .session,  TokenController.list),
        Route(.post, .tokens,         .session,  csrf: .session, TokenController.create),
        Route(.get,  .tokenExport,    .session,  TokenController.export),
        Route(.get,  .revokeToken,    .session,  TokenController.confirmRevoke),
        Route(.post, .revokeToken,    .session,  csrf: .session, TokenController.revoke),

        Route(.get,  .journal,        .session,  JournalController.show),
        Route(.get,  .journalExport,  .session,  JournalController.export),
        Route(.get,  .letter,         .session,  JournalLetterController.show),
        Route(.get,  .retryLetter,    .session,  JournalActionsController.confirmRetry),
        Route(.post, .retryLetter,    .session,  csrf: .session, JournalActionsController.retry),
        Route(.get,  .cancelLetter,   .session,  JournalActionsController.confirmCancel),
        Route(.post, .cancelLetter,   .session,  csrf: .session, JournalActionsController.cancel),
        Route(.get,  .retryFailed,    .session,  JournalActionsController.confirmRetryFailed),
        Route(.post, .retryFailed,    .session,  csrf: .session, JournalActionsController.retryFailed),

        Route(.get,  .settings,       .session,  SettingsController.show),
        Route(.post, .settings,       .session,  csrf: .session, SettingsController.save),

        Route(.post, .apiMessages,    .apiToken, APIController.createMessage),
        Route(.get,  .metrics,        .apiToken, MetricsController.show),
        Route(.get,  .apiMessage,     .apiToken, MessageStatusAPI.show),
    ])
}
