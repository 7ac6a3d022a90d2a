import MailCore
import Testing

@Suite struct CivilCalendarTests {
    @Test func daysBeforeTheEraAndLeapDays() {
        #expect(CivilCalendar.date(daysSince1970: 0) == (1970, 1, 1))
        #expect(CivilCalendar.date(daysSince1970: -1) == (1969, 12, 31))
        #expect(CivilCalendar.date(daysSince1970: 11_016) == (2000, 2, 29))
        #expect(CivilCalendar.date(daysSince1970: 47_541) == (2100, 3, 1))
        #expect(CivilCalendar.date(daysSince1970: -719_468) == (0, 3, 1))
    }

    @Test func aMomentBefore1970IsOnTheDayBefore() {
        #expect(CivilCalendar.floorDivide(86_399, 86_400) == 0)
        #expect(CivilCalendar.floorDivide(-1, 86_400) == -1)
        #expect(CivilCalendar.floorDivide(-86_400, 86_400) == -1)
        #expect(CivilCalendar.floorDivide(-86_401, 86_400) == -2)
    }
}
