//! The Pareto curve of the ABC analysis (docs/METHOD.md §3.1): cumulative revenue share against
//! the share of clients, with the A/B and B/C boundaries.

#![warn(missing_docs)]

use super::abc::{pct_of, AbcResult, AbcRow};
use crate::domain::model::Category;

/// A point of the Pareto curve: after the first `rank` clients.
#[derive(Clone, Debug, PartialEq)]
pub struct ParetoPoint {
    /// 1-based rank by revenue.
    pub rank: usize,
    /// rank / ranked clients, %.
    pub clients_pct: f64,
    /// Cumulative revenue share including the client at `rank`, %.
    pub revenue_pct: f64,
    /// Computed class of the client at `rank`.
    pub class: Category,
}

/// The Pareto curve with the class boundaries. The curve starts at (0 %, 0 %), which is not a
/// point of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct ParetoChart {
    /// The curve's points, best client first (thinned when asked).
    pub points: Vec<ParetoPoint>,
    /// The last point of each non-empty class except the last one (the class boundaries).
    pub boundaries: Vec<ParetoPoint>,
}

/// Cumulative share points per rank: one per ranked client, best first, ending at 100 %.
pub fn pareto_points(res: &AbcResult) -> Vec<ParetoPoint> {
    let n = res.rows.len();
    res.rows
        .iter()
        .map(|r| ParetoPoint {
            rank: r.rank,
            clients_pct: pct_of(r.rank as i64, n as i64),
            revenue_pct: r.cum_after_pct,
            class: r.class,
        })
        .collect()
}

/// The Pareto chart, thinned to about `max_points` points for long client lists (0 = all).
/// Thinning keeps the boundaries and the last point, so the curve's ends and breaks stay exact.
pub fn pareto_chart(res: &AbcResult, max_points: usize) -> ParetoChart {
    let n = res.rows.len();
    let point = |r: &AbcRow| ParetoPoint {
        rank: r.rank,
        clients_pct: pct_of(r.rank as i64, n as i64),
        revenue_pct: r.cum_after_pct,
        class: r.class,
    };
    let is_boundary = |i: usize| i + 1 < n && res.rows[i].class != res.rows[i + 1].class;
    let boundaries = (0..n)
        .filter(|i| is_boundary(*i))
        .map(|i| point(&res.rows[i]))
        .collect();
    let step = if max_points == 0 || n <= max_points {
        1
    } else {
        n.div_ceil(max_points)
    };
    let points = res
        .rows
        .iter()
        .enumerate()
        .filter(|(i, _)| (i + 1) % step == 0 || i + 1 == n || is_boundary(*i))
        .map(|(_, r)| point(r))
        .collect();
    ParetoChart { points, boundaries }
}

#[cfg(test)]
mod tests {
    use super::super::abc::*;
    use super::*;
    use crate::domain::demo::demo_project;
    use crate::domain::layer1::abc::tests::*;

    #[test]
    fn demo_pareto_chart() {
        let p = demo_project();
        let res = abc_for_project(&p);
        let pts = pareto_points(&res);
        assert_eq!(pts.len(), 40);
        assert_eq!(pts[0].rank, 1);
        assert_eq!(pts[0].clients_pct, 2.5);
        assert_eq!(r1(pts[0].revenue_pct), 18.4);
        assert_eq!(
            pts.last().map(|x| (x.clients_pct, x.revenue_pct)),
            Some((100.0, 100.0))
        );
        let chart = pareto_chart(&res, 0);
        let b: Vec<usize> = chart.boundaries.iter().map(|x| x.rank).collect();
        assert_eq!(b, vec![9, 19]);
        assert_eq!(chart.points.len(), 40);
        let thin = pareto_chart(&res, 10);
        assert!(thin.points.len() <= 12, "{}", thin.points.len());
        assert!(thin.points.iter().any(|x| x.rank == 9));
        assert!(thin.points.iter().any(|x| x.rank == 19));
        assert_eq!(thin.points.last().map(|x| x.rank), Some(40));
    }
}
