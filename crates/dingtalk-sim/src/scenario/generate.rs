//! `[org.generate]`: a large org made from a seed, for benchmarks and scale tests. The same seed
//! gives the same departments and people, so a benchmark can be repeated.
//!
//! The departments form a random tree under the root (each new department hangs below the root or
//! an earlier one), so depth grows slowly with size as in real orgs. People get Chinese names, one
//! department (a few a second one), and a mobile number and email address in the given shares.
//! Their ids follow the documented look only loosely (`gen000001`); nothing checks them.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::model::{Department, Generate, Org, User};
use super::query::ROOT_DEPT;

const UNITS: [&str; 12] = [
    "研发", "市场", "销售", "财务", "人力", "运营", "客服", "采购", "法务", "生产", "质量", "行政",
];
const KINDS: [&str; 3] = ["中心", "部", "组"];
const SURNAMES: [&str; 16] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
];
const GIVEN: [&str; 16] = [
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国",
    "丽",
];

impl Org {
    /// Adds the generated departments and people (if `generate` is set) and clears `generate`,
    /// so the scenario written back (`to_toml_string`) is not generated twice.
    pub(crate) fn expand_generated(&mut self) {
        let Some(g) = self.generate.take() else {
            return;
        };
        let mut rng = StdRng::seed_from_u64(g.seed);
        let first = Generate::FIRST_DEPT;
        let ids: Vec<i64> = (0..i64::from(g.departments)).map(|n| first + n).collect();
        for (n, &id) in ids.iter().enumerate() {
            let parent = match rng.gen_range(0..=n) {
                0 => ROOT_DEPT,
                p => ids[p - 1],
            };
            let name = format!(
                "{}{}{}",
                UNITS[rng.gen_range(0..UNITS.len())],
                KINDS[rng.gen_range(0..KINDS.len())],
                n + 1
            );
            self.departments.push(Department {
                dept_id: id,
                name,
                parent_id: Some(parent),
            });
        }
        let pick = |rng: &mut StdRng| {
            if ids.is_empty() {
                ROOT_DEPT
            } else {
                ids[rng.gen_range(0..ids.len())]
            }
        };
        for n in 1..=g.people {
            let mut dept_ids = vec![pick(&mut rng)];
            if rng.gen_range(0..100) < g.second_dept_percent {
                let other = pick(&mut rng);
                if other != dept_ids[0] {
                    dept_ids.push(other);
                }
            }
            let name = format!(
                "{}{}",
                SURNAMES[rng.gen_range(0..SURNAMES.len())],
                GIVEN[rng.gen_range(0..GIVEN.len())]
            );
            let mobile = (rng.gen_range(0..100) < g.mobile_percent)
                .then(|| format!("139{:08}", u64::from(n) * 7919 % 100_000_000));
            let email =
                (rng.gen_range(0..100) < g.email_percent).then(|| format!("gen{n:06}@example.com"));
            self.users.push(User {
                userid: format!("gen{n:06}"),
                unionid: format!("genUnion{n:06}{:08x}", g.seed as u32),
                name,
                dept_ids,
                mobile,
                email,
                title: None,
                admin: n == 1,
                active: true,
                reads_messages: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;

    fn generated(seed: u64) -> Scenario {
        let text = format!(
            "name = \"g\"\negress_ip = \"203.0.113.45\"\nsso_secret = \"s\"\n[org]\ncorp_id = \"ding1\"\ncorp_name = \"示例\"\n[[org.departments]]\ndept_id = 1\nname = \"示例\"\n[org.generate]\npeople = 300\ndepartments = 40\nseed = {seed}\nmobile_percent = 50\n"
        );
        Scenario::from_toml_str(&text).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_org_and_a_valid_one() {
        let (a, b, c) = (generated(7), generated(7), generated(8));
        assert_eq!(a, b);
        assert_ne!(a.org.users, c.org.users);
        assert_eq!(a.org.departments.len(), 41);
        assert_eq!(a.org.users.len(), 300);
        let with_mobile = a.org.users.iter().filter(|u| u.mobile.is_some()).count();
        assert!((90..210).contains(&with_mobile), "{with_mobile}");
        assert!(a.org.generate.is_none());
        // Written back and read again, it is the same org (not generated twice).
        assert_eq!(Scenario::from_toml_str(&a.to_toml_string()).unwrap(), a);
    }
}
