#pragma once
/// License detection in one file's text: SPDX-License-Identifier tags, full license texts and
/// standard notices (matched word by word against the index, tolerant of small edits),
/// references that name a license without its text ("released under the MIT license",
/// "@license MIT", apache.org/licenses/LICENSE-2.0) and clues that name none ("see LICENSE").
#include "kaiyuan/license/index.hpp"

#include <string>
#include <vector>

namespace kaiyuan::license {

struct LicenseMatch {
    enum class Kind {
        tag,       ///< SPDX-License-Identifier: expression
        text,      ///< a full license text
        notice,    ///< a standard notice that grants the license
        exception, ///< a license exception's text found with no license next to it
        clue,      ///< a mention that names no license exactly, or one of many in a list
        reference, ///< a sentence, field or address that names a license without its text
    };
    Kind kind = Kind::text;
    std::string expression;               ///< SPDX id or expression; "" for an unnamed clue
    std::vector<std::string> equivalents; ///< ids whose text is the same words
    std::uint32_t start_line = 0, end_line = 0;
    /// For text and notice: the share of the rule's words found in order, 0-100. Tags score
    /// 100, references 70, clues 50.
    double score = 0;
    /// References and clues: the words that gave it; bad tags: what is wrong.
    std::string detail;

    /// A license stated by the file (a tag that parses, a text, a notice, an exception, a
    /// reference), as opposed to a clue or a malformed tag: what reports, policies and packages
    /// count. Reports say which are references.
    bool is_statement() const {
        return kind != Kind::clue && !(kind == Kind::tag && !detail.empty()) && !expression.empty();
    }
};

const char* to_string(LicenseMatch::Kind k);

/// Every license found in `text`, by first line. An exception's text next to a license text or
/// notice joins it: "GPL-2.0-or-later WITH Classpath-exception-2.0". Overlapping text matches are
/// resolved in favour of the one that explains more words (BSD-3-Clause over BSD-2-Clause when the
/// third clause is there; BSD-2-Clause when it is not).
std::vector<LicenseMatch> detect_licenses(std::string_view text,
                                          const LicenseIndex& index = LicenseIndex::get());

} // namespace kaiyuan::license
