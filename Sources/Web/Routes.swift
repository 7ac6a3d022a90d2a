/// The map of the panel: every address (`Path`) and every route on it (`Routes.table`), with who
/// may call it, how its form is protected and what answers. Nothing else in the code names a
/// path: redirects and links are built with `Path.link`, and a test checks that every link and
/// form action in `templates/pages` leads to a route of this table.
///
/// `AdminApp` answers from the table: an unknown path is 404; a method the path does not have is
/// 405 with `Allow` (HEAD is GET without the body); then the access gate (no session: a GET goes
/// to the login page, anything else is 403), then the CSRF check of a POST, then the handler.
///
/// Adding a page:
/// 1. A case here, e.g. `case overview = "/overview"`, and its routes in `table`.
/// 2. A controller type (`OverviewController.show`) that reads what it needs from its
///    `RequestContext` and returns a response.
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
        Route("GET",  .login,          .everyone, { try $0.loginPage() }),
        Route("POST", .login,          .everyone, csrf: .loginForm, { try $0.login() }),
        Route("POST", .logout,         .session,  csrf: .session, { try $0.logout() }),
        Route("GET",  .language,       .everyone, { $0.switchLanguage() }),

        Route("GET",  .profiles,       .session,  { try $0.profileList() }),
        Route("POST", .profiles,       .session,  csrf: .session, { try $0.saveProfile(id: nil) }),
        Route("GET",  .newProfile,     .session,  { try $0.profileForm(id: nil) }),
        Route("GET",  .profileExport,  .session,  { try $0.profileExport() }),
        Route("GET",  .editProfile,    .session,  { try $0.profileForm(id: $1) }),
        Route("POST", .profile,        .session,  csrf: .session, { try $0.saveProfile(id: $1) }),
        Route("GET",  .deleteProfile,  .session,  { try $0.deleteConfirmation(id: $1) }),
        Route("POST", .deleteProfile,  .session,  csrf: .session, { try $0.deleteProfile(id: $1) }),
        Route("POST", .defaultProfile, .session,  csrf: .session, { try $0.makeDefault(id: $1) }),
        Route("GET",  .checkProfile,   .session,  { try $0.checkPage(id: $1) }),
        Route("POST", .checkProfile,   .session,  csrf: .session, { try $0.checkProfile(id: $1) }),

        Route("GET",  .events,         .session,  { try $0.eventList() }),
        Route("POST", .events,         .session,  csrf: .session, { try $0.createEvent() }),
        Route("GET",  .newEvent,       .session,  { try $0.newEventForm() }),
        Route("GET",  .eventExport,    .session,  { try $0.eventExport() }),
        Route("GET",  .event,          .session,  { try $0.eventForm(code: $1) }),
        Route("POST", .event,          .session,  csrf: .session, { try $0.saveEvent(code: $1) }),
        Route("POST", .eventPreview,   .session,  csrf: .session, { try $0.eventPreview(code: $1) }),

        Route("GET",  .tokens,         .session,  { try $0.tokenList() }),
        Route("POST", .tokens,         .session,  csrf: .session, { try $0.createToken() }),
        Route("GET",  .tokenExport,    .session,  { try $0.tokenExport() }),
        Route("GET",  .revokeToken,    .session,  { try $0.revokeConfirmation(id: $1) }),
        Route("POST", .revokeToken,    .session,  csrf: .session, { try $0.revokeToken(id: $1) }),

        Route("GET",  .journal,        .session,  { try $0.journalPage() }),
        Route("GET",  .journalExport,  .session,  { try $0.journalExport() }),
        Route("GET",  .letter,         .session,  { try $0.journalLetter(id: $1) }),
        Route("GET",  .retryLetter,    .session,  { try $0.letterActionConfirmation(id: $1, .retry) }),
        Route("POST", .retryLetter,    .session,  csrf: .session, { try $0.letterAction(id: $1, .retry) }),
        Route("GET",  .cancelLetter,   .session,  { try $0.letterActionConfirmation(id: $1, .cancel) }),
        Route("POST", .cancelLetter,   .session,  csrf: .session, { try $0.letterAction(id: $1, .cancel) }),
        Route("GET",  .retryFailed,    .session,  { try $0.retryFailedConfirmation(profileID: $1) }),
        Route("POST", .retryFailed,    .session,  csrf: .session, { try $0.retryFailed(profileID: $1) }),

        Route("GET",  .settings,       .session,  { try $0.settingsPage() }),
        Route("POST", .settings,       .session,  csrf: .session, { try $0.saveSettings() }),

        Route("POST", .apiMessages,    .apiToken, { try $0.api() }),
    ])
}
