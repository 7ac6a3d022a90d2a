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

    /// Every preset fills the form with a host name and a port that fits its SSL mode.
    @Test(arguments: ProviderPreset.all)
    func presetIsUsable(_ preset: ProviderPreset) {
        #expect(DomainName(preset.host) != nil, "\(preset.host)")
        switch preset.security {
        case .ssl: #expect(preset.port == 465)
        case .starttls: #expect(preset.port == 587)
        case .none: #expect(preset.port == 25)
        }
        #expect(ProviderPreset.matching(host: preset.host.uppercased()) == preset)
    }

    @Test func idsAreUnique() {
        #expect(Set(ProviderPreset.all.map(\.id)).count == ProviderPreset.all.count)
    }

    /// 1Gb.ru, named by the seed: SMTPs on 465, the mailbox password, and a word on its numbered
    /// servers and u-logins.
    @Test func oneGigabyteIsThere() throws {
        let preset = try #require(ProviderPreset.matching(host: "smtp.1gb.ru"))
        #expect(preset.title == "1Gb.ru")
        #expect(preset.security == .ssl && preset.port == 465)
        #expect(preset.passwordNote == nil)
        #expect(preset.serverNote?.ru.contains("smtp-18.1gb.ru") == true)
        #expect(preset.serverNote?.en.contains("u123456") == true)
    }
}
