// Translations: loads Trellis' embedded .qm files (and Qt's own) for a language, chosen
// by the user's setting or else the system locale.
//
//   Translations translations;                 // lives as long as the application
//   translations.load(AppSettings().language());   // "" = system locale
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace trellis::ui {

class Translations {
public:
    Translations() = default;
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    /// Installs translators for `language` ("ko", "ja", "en"; "" = system locale),
    /// replacing the ones installed before. Returns the language in effect ("en" when
    /// no translation exists).
    QString load(const QString &language);
    /// Languages the UI is translated into, plus "en".
    static QStringList availableLanguages();
    /// A language's name in that language ("한국어", "日本語", "English").
    static QString nativeName(const QString &language);

private:
    void removeAll();

    std::unique_ptr<QTranslator> m_trellis; // installed in the application while set
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace trellis::ui
