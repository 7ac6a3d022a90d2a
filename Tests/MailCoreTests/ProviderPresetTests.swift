import MailCore
import Testing

@Suite struct ProviderPresetTests {
    /// Every preset encrypts, and choosing one never keeps a permission to log in in clear text.
    @Test(arguments: ProviderPreset.all)
    func applyingAPresetFillsTheServerAndSwitchesClearTextOff(preset: ProviderPreset) {
        var draft = ProfileDraft()
        draft.security = SecurityMode.none.rawValue
        draft.allowPlainAuth = true
        preset.apply(to: &draft)
        #expect(draft.host == preset.host)
        #expect(draft.port == String(preset.port))
        #expect(draft.security == preset.security.rawValue)
        #expect(preset.security != .none)
        #expect(!draft.allowPlainAuth)
    }
}
