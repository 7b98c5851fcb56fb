//! The reference model of fair registration that `fair_machine` checks the
//! domain against: the random operations, and what each should do to a small
//! event's applications, written as plainly as possible.

use coopbridge_domain::ErrorCode;
use coopbridge_domain::entities::fair_enums::ApplicationStatus as S;
use proptest::prelude::*;

pub(crate) const COOPS: usize = 4;

#[derive(Debug, Clone)]
pub(crate) struct Setup {
    pub(crate) requires_approval: bool,
    /// Empty: one pool of `capacity` booths; else one pool per zone.
    pub(crate) zones: Vec<i32>,
    pub(crate) capacity: i32,
}

#[derive(Debug, Clone)]
pub(crate) enum Op {
    Apply {
        coop: usize,
        zone: usize,
        booths: i32,
    },
    /// A member of another cooperative tries to withdraw it.
    WithdrawAsStranger {
        app: usize,
    },
    Withdraw {
        app: usize,
    },
    Approve {
        app: usize,
    },
    Reject {
        app: usize,
    },
    Waitlist {
        app: usize,
    },
    CheckIn {
        app: usize,
    },
}

pub(crate) fn setup() -> impl Strategy<Value = Setup> {
    (
        any::<bool>(),
        prop_oneof![Just(vec![]), prop::collection::vec(1i32..=3, 2..=2)],
        1i32..=4,
    )
        .prop_map(|(requires_approval, zones, capacity)| Setup {
            requires_approval,
            zones,
            capacity,
        })
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    let app = || 0usize..64;
    prop_oneof![
        4 => (0..COOPS, 0usize..2, 1i32..=3).prop_map(|(coop, zone, booths)| Op::Apply { coop, zone, booths }),
        1 => app().prop_map(|app| Op::WithdrawAsStranger { app }),
        2 => app().prop_map(|app| Op::Withdraw { app }),
        2 => app().prop_map(|app| Op::Approve { app }),
        2 => app().prop_map(|app| Op::Reject { app }),
        2 => app().prop_map(|app| Op::Waitlist { app }),
        2 => app().prop_map(|app| Op::CheckIn { app }),
    ]
}

#[derive(Debug, Clone)]
pub(crate) struct ModelApp {
    pub(crate) id: i32,
    pub(crate) coop: usize,
    pub(crate) pool: usize,
    pub(crate) booths: i32,
    pub(crate) status: S,
    pub(crate) checked_in: bool,
    pub(crate) code: String,
    /// Status changes recorded in history, the application included.
    pub(crate) changes: usize,
}

pub(crate) struct Model {
    pub(crate) setup: Setup,
    pub(crate) apps: Vec<ModelApp>,
}

pub(crate) type Outcome = Result<(), (String, ErrorCode)>;

impl Model {
    pub(crate) fn capacity(&self, pool: usize) -> i32 {
        if self.setup.zones.is_empty() {
            self.setup.capacity
        } else {
            self.setup.zones[pool]
        }
    }

    pub(crate) fn free(&self, pool: usize) -> i32 {
        let used: i32 = self
            .apps
            .iter()
            .filter(|a| a.pool == pool && a.status == S::Confirmed)
            .map(|a| a.booths)
            .sum();
        self.capacity(pool) - used
    }

    pub(crate) fn set(&mut self, i: usize, to: S) {
        self.apps[i].status = to;
        self.apps[i].changes += 1;
    }

    /// Strict order: confirm waitlisted applications while they fit, stop at the first that does not.
    pub(crate) fn promote(&mut self, pool: usize) {
        let mut free = self.free(pool);
        for i in 0..self.apps.len() {
            if self.apps[i].pool != pool || self.apps[i].status != S::Waitlisted {
                continue;
            }
            if self.apps[i].booths > free {
                break;
            }
            free -= self.apps[i].booths;
            self.set(i, S::Confirmed);
        }
    }

    pub(crate) fn apply(&self, coop: usize, pool: usize, booths: i32) -> Result<S, (String, ErrorCode)> {
        if booths > self.capacity(pool) {
            return Err(("booths".into(), ErrorCode::OutOfRange));
        }
        if self.apps.iter().any(|a| a.coop == coop) {
            return Err(("eventId".into(), ErrorCode::AlreadyExists));
        }
        if self.setup.requires_approval {
            return Ok(S::Pending);
        }
        let waits = self.apps.iter().any(|a| a.pool == pool && a.status == S::Waitlisted);
        Ok(if !waits && booths <= self.free(pool) {
            S::Confirmed
        } else {
            S::Waitlisted
        })
    }

    pub(crate) fn closed() -> (String, ErrorCode) {
        ("id".into(), ErrorCode::OutOfRange)
    }

    pub(crate) fn withdraw(&mut self, i: usize) -> Outcome {
        if !matches!(self.apps[i].status, S::Pending | S::Confirmed | S::Waitlisted) {
            return Err(Self::closed());
        }
        self.set(i, S::Withdrawn);
        self.promote(self.apps[i].pool);
        Ok(())
    }

    pub(crate) fn approve(&mut self, i: usize) -> Outcome {
        if !matches!(self.apps[i].status, S::Pending | S::Waitlisted)
            || self.apps[i].booths > self.free(self.apps[i].pool)
        {
            return Err(Self::closed());
        }
        self.set(i, S::Confirmed);
        Ok(())
    }

    pub(crate) fn reject(&mut self, i: usize) -> Outcome {
        let was = self.apps[i].status;
        if !matches!(was, S::Pending | S::Confirmed | S::Waitlisted) {
            return Err(Self::closed());
        }
        self.set(i, S::Rejected);
        // Booths freed, or the head of the waitlist gone: the line moves.
        self.promote(self.apps[i].pool);
        Ok(())
    }

    pub(crate) fn waitlist(&mut self, i: usize) -> Outcome {
        if self.apps[i].status != S::Pending {
            return Err(Self::closed());
        }
        self.set(i, S::Waitlisted);
        Ok(())
    }

    /// Ok(first time) for confirmed exhibitors only.
    pub(crate) fn check_in(&mut self, i: usize) -> Result<bool, (String, ErrorCode)> {
        if self.apps[i].status != S::Confirmed {
            return Err(("code".into(), ErrorCode::OutOfRange));
        }
        let first = !self.apps[i].checked_in;
        self.apps[i].checked_in = true;
        Ok(first)
    }
}
