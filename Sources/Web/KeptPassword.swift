import Foundation
import Secrets

/// A password typed into the profile form when the form did not save (a field's error, the
/// limits' warning): sealed into a hidden field, so the next «Сохранить» uses it without the
/// admin typing it again, and never sent back to the browser in clear.
///
/// The seal is AES-GCM under the panel's key, bound to the admin's session by its form token: it
/// opens only in the session it was typed in, and only as a form's kept password (a stored
/// profile's binding has an id ≥ 1 and the server's name).
enum KeptPassword {
    /// The hidden field that carries the sealed password.
    static let field = "password_kept"

    /// The sealed password, base64url, for the hidden field; nil for an empty password.
    static func seal(_ password: String, _ context: RequestContext) -> String? {
        guard !password.isEmpty, let token = context.session?.csrfToken,
            let sealed = try? context.services.sealer.seal(password, for: binding(token))
        else { return nil }
        return Data(sealed).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    /// The password a form's hidden field carries, if it was sealed in this session.
    static func open(_ context: RequestContext) -> String? {
        guard let text = context.form[field], !text.isEmpty, let token = context.session?.csrfToken,
            let data = Data(
                base64Encoded: text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            ),
            let opened = try? context.services.sealer.open(Array(data), for: binding(token))
        else { return nil }
        return opened.password
    }

    private static func binding(_ token: String) -> PasswordBinding {
        PasswordBinding(profileID: 0, host: "profile form", port: 0, login: token)
    }
}
