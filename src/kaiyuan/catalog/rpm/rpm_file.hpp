#pragma once
/// An .rpm package file (rpm's "RPM package format"): a 96-byte lead (magic ED AB EE DB), the
/// signature header (magic 8E AD E8 01), padding to 8 bytes, then the main header.
#include "kaiyuan/catalog/rpm/header.hpp"

namespace kaiyuan::catalog::rpm {

Result<RpmPackage> parse_rpm_file(std::string_view bytes);

} // namespace kaiyuan::catalog::rpm
