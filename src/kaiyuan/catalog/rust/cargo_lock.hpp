#pragma once
/// Cargo.lock (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html), versions 1
/// to 4: [[package]] tables with name, version, source, checksum and dependencies written as
/// "name", "name version" or "name version (source)". Packages without a source are the
/// workspace's own crates; the one no other crate depends on is the root.
#include "kaiyuan/catalog/engine/cataloger.hpp"

namespace kaiyuan::catalog::rust {

CatalogResult parse_cargo_lock(std::string_view text, const model::Location& location);

} // namespace kaiyuan::catalog::rust
