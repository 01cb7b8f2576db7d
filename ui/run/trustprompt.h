// The GUI side of the repository trust rule (docs/security.md): before the GUI uses a
// repository's own remote-cache settings, it asks the user once, naming the host the
// settings would send data to and the settings themselves. "Trust" records the decision
// in the same store as `trellis --trust-repo`; "Don't trust" keeps them ignored.
//
//   if (auto request = run::repositoryTrustRequest(root, sources.repository))
//       trusted = askToTrustRepository(window, *request);
#pragma once

#include "core/run/resultcache.h"

#include <QString>
#include <QStringList>

#include <string>

class QWidget;

namespace trellis::ui {

/// The prompt's text: the repository, the host, the settings, what trusting means.
QString trustPromptText(const run::RepositoryTrustRequest &request);

/// Shows the prompt (modal). On "Trust" records the trust with run::trustRepository()
/// (in `trustStore`, "" = the user's) and returns true; false otherwise.
bool askToTrustRepository(QWidget *parent, const run::RepositoryTrustRequest &request,
                          const std::string &trustStore = {});

/// The download question's text: which environment, which hosts (with file counts), and
/// that every file is checked against the lockfile's sha256.
QString downloadPromptText(const QString &resolve, const QStringList &hosts);

/// Asks (modal) whether `resolve`'s environment may download from `hosts`; "Download" is
/// true, "Don't Download" (the default) false.
bool askToAllowDownloads(QWidget *parent, const QString &resolve, const QStringList &hosts);

} // namespace trellis::ui
