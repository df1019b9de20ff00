//! Which pages a change touches: each page's fingerprint hashes everything its
//! HTML shows (its own text and links, the sidebar entries it lists with the work
//! on each, its neighbours, its module, an exam's pool, and what every page shows), taken from
//! the same context structs the templates get. `serve` renders again exactly the
//! pages whose fingerprint changed.

use super::context::{link_hash, module_hash, nav_window, NAV_FULL};
use super::Renderer;
use crate::blocks::quiz::graded;
use crate::pipeline::Pipeline;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

type H = xxhash_rust::xxh3::Xxh3;

/// Page id → fingerprint, for every page of the course.
pub fn fingerprints(p: &Pipeline) -> HashMap<String, u64> {
    let r = Renderer::new(p);
    let global = global(&r);
    // What a page shows of its own, and what other pages' links to it show.
    let own: Vec<u64> = r
        .order
        .iter()
        .map(|page| {
            let mut h = H::new();
            page.text.hash(&mut h);
            page.url.hash(&mut h);
            if let Some(s) = p.state(page) {
                s.resolved.hash(&mut h);
            }
            h.finish()
        })
        .collect();
    let link: Vec<u64> = r
        .order
        .iter()
        .map(|page| {
            let mut h = H::new();
            link_hash(page, &mut h);
            h.finish()
        })
        .collect();
    let course_pass = *p.course.config.course.pass_mark;
    r.order
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut h = H::new();
            global.hash(&mut h);
            own[i].hash(&mut h);
            // Neighbours: the previous and next links.
            i.checked_sub(1).map(|j| link[j]).hash(&mut h);
            link.get(i + 1).hash(&mut h);
            if let Some(place) = r.places.get(page.url.as_str()) {
                let first = place.order - place.at.map_or(0, |a| a + 1);
                let len = p.course.modules[place.module].pages.len();
                // The module page lists all its pages; a lesson's sidebar a window.
                let range = if page.is_index && len > NAV_FULL {
                    0..len
                } else {
                    nav_window(len, place.at)
                };
                place.module.hash(&mut h);
                for k in range {
                    let listed = first + 1 + k;
                    link[listed].hash(&mut h);
                    // The work on a listed page, for its progress mark.
                    r.journey.track(&r.order[listed].url).hash(&mut h);
                }
            }
            if let Some(s) = graded::settings(page, course_pass) {
                s.hash(&mut h);
                // A pool question shows its definition, with links written from
                // the page it is on.
                for (q, origin) in graded::pool(page, &s.source, &r.pool) {
                    (&q.id, &q.hash, &origin.links.page, &origin.links.targets).hash(&mut h);
                }
            }
            (page.id.clone(), h.finish())
        })
        .collect()
}

/// What every page shows: the course, the theme, and the module list.
fn global(r: &Renderer) -> u64 {
    let p = r.pipeline;
    let mut h = H::new();
    r.course_ctx().hash(&mut h);
    crate::theme::fingerprint(&p.theme).hash(&mut h);
    p.course.drafts.hash(&mut h);
    for (m, d) in p.course.modules.iter().zip(&r.durations) {
        module_hash(m, *d, &mut h);
    }
    h.finish()
}
