//! The user's own work inside the atlas: tours (and, later, notes and own layers). It lives in
//! `user_*` tables that installing a new edition of the plan never touches.

pub mod extents;
pub mod features;
pub mod layer_index;
pub mod layer_table;
pub mod notes;
pub mod schema;
pub mod split_layers;
pub mod tours;
