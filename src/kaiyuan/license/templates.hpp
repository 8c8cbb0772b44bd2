#pragma once
/// The parts of a license text that vary from copy to copy: SPDX's templates mark them
/// (standardLicenseTemplate: `<<var;name=...;original=...;match=...>>` for a part that may be
/// replaced, `<<beginOptional>> ... <<endOptional>>` for one that may be left out; SPDX License
/// List Matching Guidelines, "Substantially similar" and the template syntax of the SPDX 2.3
/// specification, Annex B). The matcher does not count such words against a file that lacks
/// them: a BSD license naming "THE AUTHOR" where the template says "COPYRIGHT HOLDERS AND
/// CONTRIBUTORS" is still BSD-3-Clause, word for word.
///
/// In a "match text" those parts stand between k_optional_begin and k_optional_end.
#include "kaiyuan/license/tokenizer.hpp"

#include <string>
#include <string_view>

namespace kaiyuan::license {

inline constexpr char k_optional_begin = '\x01';
inline constexpr char k_optional_end = '\x02';

/// The match text of an SPDX template: each var by its original text, each optional part as it
/// reads, both marked optional (nested parts inside the outermost mark).
std::string match_text_of_template(std::string_view spdx_template);

/// What a template would mark in a license text that comes without one (the compiled-in list):
/// placeholders in angle or square brackets ("<year> <owner>", "[name of copyright owner]") and
/// the holder phrases of the BSD family ("COPYRIGHT HOLDERS AND CONTRIBUTORS", "the copyright
/// holder nor the names of its contributors"), which SPDX's own BSD templates make vars.
std::string derived_match_text(std::string_view text);

/// Tokenises a match text into `out` (as tokenize() does); returns how many of its words are in
/// optional parts.
std::uint32_t tokenize_match_text(std::string_view match_text, Tokens& out);

} // namespace kaiyuan::license
