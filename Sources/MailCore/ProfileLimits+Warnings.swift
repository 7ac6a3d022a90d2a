extension ProfileLimits {
    /// What the form says at «Кол-во приоритетных сообщений в сутки» when the value is allowed
    /// but stops one class of letters for good: 0 leaves priority letters (registration, password
    /// reset, the check's test letter) no room, the whole maximum leaves regular letters none.
    /// Nil for a share that lets both classes go.
    public var priorityShareWarning: LocalizedText? {
        if priorityPerDay == 0 {
            return LocalizedText(
                ru:
                    "При 0 приоритетные письма (подтверждение регистрации, сброс пароля, тестовое письмо проверки) через этот профиль не уйдут никогда.",
                en:
                    "With 0, priority letters (registration confirmation, password reset, the check's test letter) never leave through this profile."
            )
        }
        if priorityPerDay == maxPerDay {
            return LocalizedText(
                ru:
                    "Это весь суточный максимум: обычным письмам (заказы, оплаты, статусы) не остаётся ничего, и они через этот профиль не уйдут никогда.",
                en:
                    "This is the whole daily maximum: regular letters (orders, payments, status changes) get nothing and never leave through this profile."
            )
        }
        return nil
    }
}
