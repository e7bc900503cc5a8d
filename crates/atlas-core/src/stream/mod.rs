//! Large own layers, streamed a viewport at a time: [`viewport`] answers "what does this view
//! show at this zoom" from the by-layer R-tree, projected to pixels, and [`thinning`] snaps and
//! simplifies the shapes for that zoom without opening gaps between neighbours. The bytes go
//! out through [`crate::wire::view`].

pub mod thinning;
pub mod viewport;
