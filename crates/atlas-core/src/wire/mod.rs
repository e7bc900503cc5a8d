//! The binary formats geometry crosses to the desktop UI in (decoders in ui/src/wire/):
//! [`layer`] carries a whole layer (the plan, the basemap) with its properties; [`view`]
//! carries one viewport of a large own layer, already projected to pixels.

pub mod layer;
pub mod view;

pub use layer::encode;
