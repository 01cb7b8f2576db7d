// The templates bundled with towncrier (`template = "towncrier:default"` and friends).
//
//   auto text = builtinTowncrierTemplate("default.md");   // towncrier's own default.md
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::release {

/// The text of towncrier's bundled template `resource` ("default.md", "default.rst",
/// "hr-between-versions.rst", "single-file-no-bullets.rst"); nullopt for other names.
std::optional<std::string_view> builtinTowncrierTemplate(std::string_view resource);

/// The bundled template names, for messages.
std::vector<std::string> builtinTowncrierTemplateNames();

} // namespace trellis::release
