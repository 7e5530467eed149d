//! What a document is: an annual review, a weekly report, a duty report… Its id is the
//! front matter's `kind:` and the CLI's; its label is what people read.

use crate::error::{Error, Result};
use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Annual,
    HalfYear,
    Quarterly,
    Monthly,
    Weekly,
    Probation,
    DutyReport,
    ProjectRetro,
    #[default]
    Other,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Annual,
        Kind::HalfYear,
        Kind::Quarterly,
        Kind::Monthly,
        Kind::Weekly,
        Kind::Probation,
        Kind::DutyReport,
        Kind::ProjectRetro,
        Kind::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Annual => "annual",
            Kind::HalfYear => "half-year",
            Kind::Quarterly => "quarterly",
            Kind::Monthly => "monthly",
            Kind::Weekly => "weekly",
            Kind::Probation => "probation",
            Kind::DutyReport => "duty-report",
            Kind::ProjectRetro => "project-retro",
            Kind::Other => "other",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Annual => lang.pick("年度总结", "年度總結", "Annual review"),
            Kind::HalfYear => lang.pick("半年总结", "半年總結", "Half-year review"),
            Kind::Quarterly => lang.pick("季度总结", "季度總結", "Quarterly review"),
            Kind::Monthly => lang.pick("月度总结", "月度總結", "Monthly review"),
            Kind::Weekly => lang.pick("周报", "週報", "Weekly report"),
            Kind::Probation => lang.pick("试用期转正", "試用期轉正", "Probation review"),
            Kind::DutyReport => lang.pick("述职报告", "述職報告", "Duty report"),
            Kind::ProjectRetro => lang.pick("项目复盘", "專案復盤", "Project retrospective"),
            Kind::Other => lang.pick("其他", "其他", "Other"),
        }
    }
}

impl FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Kind::ALL
            .into_iter()
            .find(|k| k.id() == s.trim())
            .ok_or_else(|| Error::invalid("kind", format!("'{s}'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_every_kind_has_three_labels() {
        for k in Kind::ALL {
            assert_eq!(k.id().parse::<Kind>().unwrap(), k);
            for l in Lang::ALL {
                assert!(!k.label(l).is_empty());
            }
        }
        assert!("yearly".parse::<Kind>().is_err());
    }
}
