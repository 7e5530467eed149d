//! A month as the calendar shows it: whole weeks, Monday first, each day with its number of
//! entries.

use crate::error::{Error, Result};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Entries on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub date: NaiveDate,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: NaiveDate,
    /// Whether the day belongs to the month shown (the first and last weeks hold days of the
    /// months around it).
    pub in_month: bool,
    pub count: u32,
    pub today: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthGrid {
    pub year: i32,
    pub month: u32,
    /// Four to six weeks of seven days, Monday first.
    pub weeks: Vec<Vec<CalendarDay>>,
    /// Entries in the month itself.
    pub total: u32,
    /// Days of the month with at least one entry.
    pub days_with_entries: u32,
}

/// The first and last day the grid of a month shows (Monday of its first week, Sunday of its
/// last).
pub fn grid_range(year: i32, month: u32) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || Error::invalid("month", format!("{year}-{month:02}"));
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(bad)?;
    let last = next.pred_opt().ok_or_else(bad)?;
    let start = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let end = last + Days::new(u64::from(6 - last.weekday().num_days_from_monday()));
    Ok((start, end))
}

/// The grid of a month from the day counts of its range (days not listed have none).
pub fn month_grid(
    year: i32,
    month: u32,
    counts: &[DayCount],
    today: NaiveDate,
) -> Result<MonthGrid> {
    let (start, end) = grid_range(year, month)?;
    let mut weeks = Vec::new();
    let mut week = Vec::with_capacity(7);
    let (mut total, mut days) = (0, 0);
    let mut d = start;
    while d <= end {
        let count = counts.iter().find(|c| c.date == d).map_or(0, |c| c.count);
        let in_month = d.month() == month && d.year() == year;
        if in_month {
            total += count;
            days += u32::from(count > 0);
        }
        week.push(CalendarDay {
            date: d,
            in_month,
            count,
            today: d == today,
        });
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
    Ok(MonthGrid {
        year,
        month,
        weeks,
        total,
        days_with_entries: days,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_cover_the_month() {
        // November 2026 starts on a Sunday and ends on a Monday: six rows.
        let counts = [
            DayCount {
                date: d("2026-10-31"),
                count: 4,
            },
            DayCount {
                date: d("2026-11-02"),
                count: 3,
            },
            DayCount {
                date: d("2026-11-30"),
                count: 1,
            },
        ];
        let g = month_grid(2026, 11, &counts, d("2026-11-02")).unwrap();
        assert_eq!(g.weeks.len(), 6);
        assert!(g.weeks.iter().all(|w| w.len() == 7));
        assert_eq!(g.weeks[0][0].date, d("2026-10-26"));
        assert_eq!(g.weeks[0][0].date.weekday(), chrono::Weekday::Mon);
        assert_eq!(g.weeks[0][6].date, d("2026-11-01"));
        assert!(!g.weeks[0][5].in_month && g.weeks[0][5].count == 4);
        assert!(g.weeks[1][0].today && g.weeks[1][0].count == 3);
        assert_eq!(g.weeks[5][6].date, d("2026-12-06"));
        // The October day counts in its cell but not in November's totals.
        assert_eq!((g.total, g.days_with_entries), (4, 2));
        assert!(month_grid(2026, 13, &[], d("2026-11-02")).is_err());
    }
}
