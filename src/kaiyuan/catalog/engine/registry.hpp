#pragma once
#include "kaiyuan/catalog/engine/cataloger.hpp"

#include <memory>
#include <vector>

namespace kaiyuan::catalog {

/// THE registry: every cataloger kaiyuan has, one line each (registry.cpp).
std::vector<std::unique_ptr<Cataloger>> all_catalogers();

} // namespace kaiyuan::catalog
