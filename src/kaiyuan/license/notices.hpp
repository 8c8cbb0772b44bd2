#pragma once
/// Standard license notices: the short statements that put a file under a license ("This
/// program is free software; you can redistribute it ... either version 2 of the License, or
/// (at your option) any later version."). Most are cut from the "How to apply" appendix of the
/// license's own text on the SPDX list, so they follow the compiled-in data; a few common
/// wordings that no appendix gives (the "-only" forms, LGPL-3.0's) are written here, and so are
/// the short exceptions found in thousands of files (Libtool, Autoconf, Linux syscall note,
/// LLVM), whose texts no registry package carries.
#include <string>
#include <vector>

namespace kaiyuan::license {

struct NoticeText {
    std::string id; ///< the SPDX id the notice grants (GPL-2.0-or-later for "any later version")
    std::string text;
    /// A part of a license text that circulates alone (LGPL-3.0's own terms, which the SPDX
    /// text follows with the whole GPL-3.0): matched as a full text, not a notice.
    bool full_text = false;
    /// A license exception's text (joined to the license beside it with WITH).
    bool exception = false;
};

const std::vector<NoticeText>& standard_notices();

} // namespace kaiyuan::license
