/*
 * rtc.c - the CMOS real-time clock: the date and time at boot.
 *
 * Layer: machine (implements arch_rtc_seconds of arch.h). The RTC keeps
 * seconds, minutes, hours, day, month and year (two digits) in CMOS
 * registers behind ports 0x70 (index) and 0x71 (data). Status register B
 * says how: bit 2 set means binary, clear means BCD (0x59 for 59); bit 1
 * set means 24-hour, clear means 12-hour with bit 7 of the hour marking PM.
 * The clock updates itself once a second and the registers are unreliable
 * while status A bit 7 (update in progress) is set, so the time is read
 * after an update and read again until two reads agree.
 *
 * Invariants: the RTC is taken to keep UTC; years are 2000-2099. Interrupts
 * are turned off around each register access (port 0x70 is shared with
 * the NMI mask).
 */
#include <stdbool.h>
#include "arch/arch.h"
#include "arch/x86_64/io.h"
#include "selftest.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

#define RTC_SECONDS  0x00
#define RTC_MINUTES  0x02
#define RTC_HOURS    0x04
#define RTC_DAY      0x07
#define RTC_MONTH    0x08
#define RTC_YEAR     0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b

#define STATUS_A_UPDATING 0x80
#define STATUS_B_24_HOUR  0x02
#define STATUS_B_BINARY   0x04
#define HOUR_PM           0x80
#define UPDATE_POLL_LIMIT 1000000

struct rtc_time {
    unsigned second, minute, hour, day, month, year;
};

static uint8_t cmos_read(uint8_t index)
{
    int enabled = arch_irq_save();
    uint8_t value;

    outb(CMOS_INDEX, index);
    value = inb(CMOS_DATA);
    arch_irq_restore(enabled);
    return value;
}

static void rtc_wait_update_done(void)
{
    for (int polls = 0; polls < UPDATE_POLL_LIMIT && (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING); polls++)
        __asm__ volatile("pause");
}

static struct rtc_time rtc_read_raw(void)
{
    rtc_wait_update_done();
    return (struct rtc_time){cmos_read(RTC_SECONDS), cmos_read(RTC_MINUTES), cmos_read(RTC_HOURS),
                             cmos_read(RTC_DAY),     cmos_read(RTC_MONTH),   cmos_read(RTC_YEAR)};
}

static bool rtc_same(struct rtc_time a, struct rtc_time b)
{
    return a.second == b.second && a.minute == b.minute && a.hour == b.hour && a.day == b.day &&
           a.month == b.month && a.year == b.year;
}

static unsigned from_bcd(unsigned value)
{
    return (value >> 4) * 10 + (value & 0xf);
}

/* Binary, 24-hour, four-digit year. */
static struct rtc_time rtc_normalize(struct rtc_time raw, uint8_t status_b)
{
    bool pm = raw.hour & HOUR_PM;

    raw.hour &= ~HOUR_PM;
    if (!(status_b & STATUS_B_BINARY))
        raw = (struct rtc_time){from_bcd(raw.second), from_bcd(raw.minute), from_bcd(raw.hour),
                                from_bcd(raw.day),    from_bcd(raw.month),  from_bcd(raw.year)};
    if (!(status_b & STATUS_B_24_HOUR))
        raw.hour = raw.hour % 12 + (pm ? 12 : 0); /* 12 AM is 0:00, 12 PM is 12:00 */
    raw.year += 2000;
    return raw;
}

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian calendar;
 * Howard Hinnant's days_from_civil). */
static int64_t days_since_epoch(int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    int64_t era = year / 400;
    unsigned year_of_era = (unsigned)(year - era * 400);
    unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + (int64_t)day_of_era - 719468;
}

static int64_t rtc_to_seconds(struct rtc_time time)
{
    return days_since_epoch(time.year, time.month, time.day) * 86400 + time.hour * 3600 + time.minute * 60 +
           time.second;
}

int64_t arch_rtc_seconds(void)
{
    struct rtc_time first = rtc_read_raw(), second;

    while (!rtc_same(first, second = rtc_read_raw()))
        first = second;
    return rtc_to_seconds(rtc_normalize(first, cmos_read(RTC_STATUS_B)));
}

SELFTEST(rtc_date_conversion)
{
    struct rtc_time noon_bcd = {0x30, 0x15, 0x12 | HOUR_PM, 0x29, 0x02, 0x24};
    struct rtc_time midnight_12h = {0, 0, 12, 1, 1, 0};

    SELFTEST_ASSERT(days_since_epoch(1970, 1, 1) == 0);
    SELFTEST_ASSERT(days_since_epoch(2000, 3, 1) == 11017);
    /* 2024-02-29 12:15:30 (BCD, 12-hour, 12 PM) = 1709208930 */
    SELFTEST_ASSERT(rtc_to_seconds(rtc_normalize(noon_bcd, 0)) == 1709208930);
    /* 2000-01-01, 12 AM in binary 12-hour mode = 946684800 */
    SELFTEST_ASSERT(rtc_to_seconds(rtc_normalize(midnight_12h, STATUS_B_BINARY)) == 946684800);
}

/* The RTC reads a date in this century. */
SELFTEST(rtc_reads_plausible_time)
{
    int64_t now = arch_rtc_seconds();

    SELFTEST_ASSERT(now >= 946684800 && now < 4102444800);
}
