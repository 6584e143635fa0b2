//! Two previews compared: who joined (the platform's next sync adds them), who left (the
//! platform's next sync removes them, seed 001: "当某成员在钉钉中离职，则同步通讯录后，…也将同步删除
//! 该成员") and who moved department. Only ids, names and departments take part.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A person as a kept preview holds them: id, name, departments. Nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewPerson {
    pub userid: String,
    pub name: String,
    pub dept_ids: Vec<i64>,
    pub dept_names: Vec<String>,
}

/// Someone whose departments changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewMove {
    pub userid: String,
    pub name: String,
    pub from: Vec<String>,
    pub to: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewDiff {
    /// In the later preview only: the next sync adds them.
    pub joiners: Vec<PreviewPerson>,
    /// In the earlier preview only: the next sync removes them from the platform.
    pub leavers: Vec<PreviewPerson>,
    pub moves: Vec<PreviewMove>,
}

impl PreviewDiff {
    pub fn is_empty(&self) -> bool {
        self.joiners.is_empty() && self.leavers.is_empty() && self.moves.is_empty()
    }
}

/// Who joined, left and moved between `before` and `after` (each in userid order).
pub fn diff(before: &[PreviewPerson], after: &[PreviewPerson]) -> PreviewDiff {
    let old: BTreeMap<&str, &PreviewPerson> =
        before.iter().map(|p| (p.userid.as_str(), p)).collect();
    let new: BTreeMap<&str, &PreviewPerson> =
        after.iter().map(|p| (p.userid.as_str(), p)).collect();
    let mut d = PreviewDiff::default();
    for (id, p) in &new {
        match old.get(id) {
            None => d.joiners.push((*p).clone()),
            Some(o) => {
                let (mut a, mut b) = (o.dept_ids.clone(), p.dept_ids.clone());
                a.sort_unstable();
                b.sort_unstable();
                if a != b {
                    d.moves.push(PreviewMove {
                        userid: p.userid.clone(),
                        name: p.name.clone(),
                        from: o.dept_names.clone(),
                        to: p.dept_names.clone(),
                    });
                }
            }
        }
    }
    d.leavers = old
        .iter()
        .filter(|(id, _)| !new.contains_key(*id))
        .map(|(_, p)| (*p).clone())
        .collect();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, name: &str, dept: i64, dept_name: &str) -> PreviewPerson {
        PreviewPerson {
            userid: id.into(),
            name: name.into(),
            dept_ids: vec![dept],
            dept_names: vec![dept_name.into()],
        }
    }

    #[test]
    fn joiners_leavers_and_a_move() {
        let before = [
            p("u1", "王建国", 10, "总经办"),
            p("u2", "李娜", 20, "技术研发中心"),
            p("u3", "刘洋", 30, "市场部"),
        ];
        let after = [
            p("u1", "王建国", 10, "总经办"),
            p("u2", "李娜", 30, "市场部"),
            p("u4", "陈静", 40, "人力行政部"),
        ];
        let d = diff(&before, &after);
        assert_eq!(d.joiners, vec![after[2].clone()]);
        assert_eq!(d.leavers, vec![before[2].clone()]);
        assert_eq!(
            d.moves,
            vec![PreviewMove {
                userid: "u2".into(),
                name: "李娜".into(),
                from: vec!["技术研发中心".into()],
                to: vec!["市场部".into()],
            }]
        );
        assert!(diff(&after, &after).is_empty());
        // The other way round, joiners and leavers swap.
        let back = diff(&after, &before);
        assert_eq!(back.joiners, d.leavers);
        assert_eq!(back.leavers, d.joiners);
    }
}
