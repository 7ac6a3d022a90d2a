import MailCore
import MailTestSupport
import Testing

@Suite struct ProfileDraftTests {
    /// Checkboxes are fields like the others, so a form decoded field by field sets them: only
    /// "1" ticks one, anything else (or nothing) leaves it off.
    @Test(arguments: [ProfileField.allowPlainAuth, .allowPrivateHost])
    func checkboxesReadAndWriteAsOneOrNothing(field: ProfileField) {
        var draft = ProfileDraft()
        #expect(draft[field] == "")
        draft[field] = "1"
        #expect(draft[field] == "1")
        #expect(field == .allowPlainAuth ? draft.allowPlainAuth : draft.allowPrivateHost)
        for value in ["", "0", "on", "true", "11"] {
            draft[field] = value
            #expect(draft[field] == "")
        }
    }

    @Test func aStoredProfileFillsThePermissions() throws {
        var settings = Fixtures.settings()
        settings.allowPrivateHost = true
        let profile = Fixtures.profile(settings)
        let draft = ProfileDraft(profile)
        #expect(draft.allowPrivateHost && !draft.allowPlainAuth)
        #expect(draft.password.isEmpty)
    }
}
