import Foundation
import MailCore

/// The time zones «Настройки» offers, as an admin looks for them: Russia's zones first, west to
/// east, by city in the panel's language; then every other zone by its UTC offset and region
/// name. Each once: the old names tzdata keeps as links (Europe/Kiev for Europe/Kyiv,
/// Asia/Calcutta, US/Eastern) are left out unless one of them is the stored zone.
struct TimeZoneChoices {
    /// A zone of Russia and its city in both languages.
    struct RussianZone {
        let identifier: String
        let name: LocalizedText
    }

    /// Russia's zones (tzdata's `zone1970.tab`, RU), west to east.
    static let russian: [RussianZone] = [
        ("Europe/Kaliningrad", "Калининград", "Kaliningrad"), ("Europe/Moscow", "Москва", "Moscow"),
        ("Europe/Kirov", "Киров", "Kirov"), ("Europe/Volgograd", "Волгоград", "Volgograd"),
        ("Europe/Astrakhan", "Астрахань", "Astrakhan"), ("Europe/Saratov", "Саратов", "Saratov"),
        ("Europe/Ulyanovsk", "Ульяновск", "Ulyanovsk"), ("Europe/Samara", "Самара", "Samara"),
        ("Asia/Yekaterinburg", "Екатеринбург", "Yekaterinburg"), ("Asia/Omsk", "Омск", "Omsk"),
        ("Asia/Novosibirsk", "Новосибирск", "Novosibirsk"), ("Asia/Barnaul", "Барнаул", "Barnaul"),
        ("Asia/Tomsk", "Томск", "Tomsk"), ("Asia/Novokuznetsk", "Новокузнецк", "Novokuznetsk"),
        ("Asia/Krasnoyarsk", "Красноярск", "Krasnoyarsk"), ("Asia/Irkutsk", "Иркутск", "Irkutsk"),
        ("Asia/Chita", "Чита", "Chita"), ("Asia/Yakutsk", "Якутск", "Yakutsk"),
        ("Asia/Khandyga", "Хандыга", "Khandyga"), ("Asia/Vladivostok", "Владивосток", "Vladivostok"),
        ("Asia/Ust-Nera", "Усть-Нера", "Ust-Nera"), ("Asia/Magadan", "Магадан", "Magadan"),
        ("Asia/Sakhalin", "Сахалин", "Sakhalin"), ("Asia/Srednekolymsk", "Среднеколымск", "Srednekolymsk"),
        ("Asia/Kamchatka", "Камчатка", "Kamchatka"), ("Asia/Anadyr", "Анадырь", "Anadyr"),
    ].map { RussianZone(identifier: $0.0, name: LocalizedText(ru: $0.1, en: $0.2)) }

    /// Russia's zones, then the others.
    let russia: [Option]
    let others: [Option]

    /// The choices at `now` (offsets change with summer time), `selected` marked; `known`: the
    /// system's zone names; `links`: the old names to leave out.
    init(language: Language, selected: String, now: Date, known: [String], links: Set<String>) {
        let locale = Locale(identifier: language.rawValue)
        let russianIDs = Set(Self.russian.map(\.identifier))
        let placed: [(seconds: Int, order: Int, zone: RussianZone)] = Self.russian.enumerated().compactMap {
            guard let timeZone = TimeZone(identifier: $0.element.identifier) else { return nil }
            return (timeZone.secondsFromGMT(for: now), $0.offset, $0.element)
        }
        russia = placed.sorted { ($0.seconds, $0.order) < ($1.seconds, $1.order) }.map { place in
            Option(
                value: place.zone.identifier,
                label: "\(place.zone.name(language)), \(Self.offset(place.seconds))",
                isSelected: place.zone.identifier == selected
            )
        }
        others = known.filter { identifier in
            !russianIDs.contains(identifier) && (identifier == selected || !links.contains(identifier))
        }
        .compactMap { identifier -> (Int, String, Option)? in
            guard let timeZone = TimeZone(identifier: identifier) else { return nil }
            let seconds = timeZone.secondsFromGMT(for: now)
            let region = timeZone.localizedName(for: .generic, locale: locale)
            let place = identifier.replacingOccurrences(of: "_", with: " ")
            let label = [Self.offset(seconds), region.map { "\($0) (\(place))" } ?? place].joined(separator: " — ")
            return (seconds, label, Option(value: identifier, label: label, isSelected: identifier == selected))
        }
        .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        .map(\.2)
    }

    /// `UTC+3`, `UTC−3:30`, `UTC`.
    static func offset(_ seconds: Int) -> String {
        guard seconds != 0 else { return "UTC" }
        let minutes = abs(seconds) / 60
        let sign = seconds > 0 ? "+" : "−"
        let hours = "UTC\(sign)\(minutes / 60)"
        return minutes % 60 == 0 ? hours : hours + String(format: ":%02d", minutes % 60)
    }

    /// The old names of `tzdata.zi` (its `L TARGET LINK` lines).
    static func links(tzdata text: String) -> Set<String> {
        var links: Set<String> = []
        for line in text.split(separator: "\n") where line.hasPrefix("L ") {
            let fields = line.split(separator: " ")
            if fields.count == 3 { links.insert(String(fields[2])) }
        }
        return links
    }

    /// The system's links, read once from tzdata (empty when the file is missing: every name is
    /// then offered, as before).
    static let systemLinks: Set<String> = {
        guard let text = try? String(contentsOfFile: "/usr/share/zoneinfo/tzdata.zi", encoding: .utf8) else {
            return []
        }
        return links(tzdata: text)
    }()
}
