#pragma once
/// Path globs for catalogers: `*` and `?` stay within one path segment, `**/` matches any number of
/// leading directories (including none), `[abc]` a character class. Paths are relative,
/// '/'-separated.
#include <string_view>

namespace kaiyuan::util {

bool glob_match(std::string_view pattern, std::string_view path);

} // namespace kaiyuan::util
