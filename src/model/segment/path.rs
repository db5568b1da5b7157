//! The cheapest path through a sequence of choices: every year heading of a book has a few
//! possible readings (which era a reused name means, which year a 干支 names), each with a
//! cost of its own, and every step from one heading's reading to the next has a cost (a
//! chronicle runs forward a year at a time). [`best_path`] picks one reading per heading
//! so that the total is least (the Viterbi algorithm), and says for each heading how much
//! more the best path through any *different* reading would cost: a small margin means the
//! text does not settle that heading, and the reader should be told.

/// The outcome of [`best_path`] for one step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Choice {
    /// The index of the chosen reading among the step's readings.
    pub index: usize,
    /// How much more the cheapest path through a reading that differs (by `same`) costs;
    /// `f32::INFINITY` when there is no such reading or no finite path through one.
    pub margin: f32,
}

/// Choose one reading per step. `costs[i][s]` is the cost of reading `s` at step `i`;
/// `transition(i, p, s)` the cost of going from reading `p` of step `i - 1` to reading `s`
/// of step `i` (infinite when the pair is impossible); `same(i, a, b)` whether two readings
/// of step `i` mean the same thing (for the margin). Every step must have at least one
/// reading, and some path must be finite (callers add a fallback reading that can follow
/// anything). Time O(Σ |step i−1| · |step i|).
// The resolver makes the forward pass itself, as it finds the readings, and calls
// `best_path_from`; this whole pass is for the tests.
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn best_path(
    costs: &[Vec<f32>],
    transition: impl Fn(usize, usize, usize) -> f32,
    same: impl Fn(usize, usize, usize) -> bool,
) -> Vec<Choice> {
    let n = costs.len();
    if n == 0 {
        return Vec::new();
    }
    // The steps laid end to end, as the resolver keeps them.
    let mut starts = vec![0];
    for c in costs {
        starts.push(starts[starts.len() - 1] + c.len());
    }
    let flat: Vec<f32> = costs.iter().flatten().copied().collect();
    // Forward: cheapest cost of a path ending in (i, s), and where it came from.
    let mut fwd: Vec<f32> = costs[0].clone();
    let mut back: Vec<u32> = vec![0; costs[0].len()];
    for i in 1..n {
        for (s, &c) in costs[i].iter().enumerate() {
            let prev = &fwd[starts[i - 1]..starts[i]];
            let (best, from) = forward_step(prev, |p| transition(i, p, s));
            fwd.push(best + c);
            back.push(u32::try_from(from).expect("few readings"));
        }
    }
    best_path_from(&starts, |k| flat[k], &fwd, &back, transition, same)
}

/// The cheapest way into one reading from the readings before it, whose forward costs are
/// `prev` and `transition(p)` the cost of the step from reading `p`: its cost (without the
/// reading's own) and the reading it comes from (the first of the cheapest).
pub(super) fn forward_step(prev: &[f32], transition: impl Fn(usize) -> f32) -> (f32, usize) {
    let (mut best, mut from) = (f32::INFINITY, 0);
    for (p, &fp) in prev.iter().enumerate() {
        if !fp.is_finite() {
            continue;
        }
        let t = fp + transition(p);
        if t < best {
            (best, from) = (t, p);
        }
    }
    (best, from)
}

/// [`best_path`] with the steps laid end to end and the forward pass already made: the
/// readings of step `i` are `starts[i]..starts[i + 1]`; `cost(k)` is reading `k`'s own
/// cost, `fwd[k]` the cheapest cost of a path ending in it (its own cost included) and
/// `back[k]` the reading of step `i - 1` that path comes from (its index in that step), the
/// last two as [`forward_step`] finds them. `starts` has one more element than there are
/// steps.
pub(super) fn best_path_from(
    starts: &[usize],
    cost: impl Fn(usize) -> f32,
    fwd: &[f32],
    back: &[u32],
    transition: impl Fn(usize, usize, usize) -> f32,
    same: impl Fn(usize, usize, usize) -> bool,
) -> Vec<Choice> {
    let n = starts.len().saturating_sub(1);
    if n == 0 {
        return Vec::new();
    }
    let step = |i: usize| starts[i]..starts[i + 1];
    // Backward: cheapest cost from (i, s) to the end, excluding (i, s)'s own cost.
    let mut bwd: Vec<f32> = vec![0.0; fwd.len()];
    for i in (0..n - 1).rev() {
        let (here, next) = (step(i), step(i + 1));
        let (head, tail) = bwd.split_at_mut(next.start);
        let next_bwd = &tail[..next.len()];
        for (p, out) in head[here].iter_mut().enumerate() {
            let mut best = f32::INFINITY;
            for (s, &b) in next_bwd.iter().enumerate() {
                let t = transition(i + 1, p, s) + cost(next.start + s) + b;
                if t < best {
                    best = t;
                }
            }
            *out = best;
        }
    }
    // The best path, by the forward pointers.
    let last = argmin(&fwd[step(n - 1)]);
    let mut path = vec![0; n];
    path[n - 1] = last;
    for i in (1..n).rev() {
        path[i - 1] = back[starts[i] + path[i]] as usize;
    }
    let total = fwd[starts[n - 1] + last];
    path.iter()
        .enumerate()
        .map(|(i, &chosen)| {
            let (f, b) = (&fwd[step(i)], &bwd[step(i)]);
            let margin = (0..f.len())
                .filter(|&s| !same(i, s, chosen))
                .map(|s| f[s] + b[s] - total)
                .fold(f32::INFINITY, f32::min);
            Choice {
                index: chosen,
                margin,
            }
        })
        .collect()
}

fn argmin(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x < v[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Readings are years; a step of +1 is free, anything else costs the distance.
    fn years(steps: &[&[(i32, f32)]]) -> Vec<Choice> {
        let costs: Vec<Vec<f32>> = steps
            .iter()
            .map(|s| s.iter().map(|r| r.1).collect())
            .collect();
        best_path(
            &costs,
            |i, p, s| {
                let d = steps[i][s].0 - steps[i - 1][p].0;
                if d == 1 { 0.0 } else { (d - 1).abs() as f32 }
            },
            |i, a, b| steps[i][a].0 == steps[i][b].0,
        )
    }

    #[test]
    fn continuity_decides_a_reused_name() {
        // 乾祐四年, 乾祐五年, 天會元年: 951, 952, then 957 (北漢) rather than 1123 (金).
        let c = years(&[
            &[(951, 0.0), (1173, 0.0)],
            &[(952, 0.0), (1174, 0.0)],
            &[(1123, 0.0), (957, 0.0)],
        ]);
        assert_eq!(c.iter().map(|c| c.index).collect::<Vec<_>>(), [0, 0, 1]);
        assert!(c[2].margin > 40.0);
    }

    #[test]
    fn a_later_heading_settles_an_earlier_one() {
        // The first heading alone is a toss-up; the second decides it.
        let c = years(&[&[(1115, 0.0), (1198, 0.0)], &[(1116, 0.0)]]);
        assert_eq!(c[0].index, 0);
        assert!(c[0].margin > 50.0);
    }

    #[test]
    fn an_unsettled_heading_has_a_small_margin() {
        let c = years(&[&[(1115, 0.0), (1198, 0.5)]]);
        assert_eq!(c[0].index, 0);
        assert_eq!(c[0].margin, 0.5);
        // Readings that mean the same thing do not count as alternatives.
        let c = years(&[&[(1115, 0.0), (1115, 0.5)]]);
        assert_eq!(c[0].margin, f32::INFINITY);
    }

    #[test]
    fn impossible_transitions_are_avoided() {
        let costs = vec![vec![0.0, 0.0], vec![0.0, 5.0]];
        let c = best_path(
            &costs,
            |_, p, s| if p == 0 && s == 0 { f32::INFINITY } else { 0.0 },
            |_, a, b| a == b,
        );
        assert_eq!((c[0].index, c[1].index), (1, 0));
        assert_eq!(best_path(&[], |_, _, _| 0.0, |_, _, _| true), Vec::new());
    }
}
