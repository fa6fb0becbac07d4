/* config.h - build-time settings; the Makefile passes the real values. */
#ifndef ANNEXC_CONFIG_H
#define ANNEXC_CONFIG_H

#ifndef ANNEXC_VERSION
#define ANNEXC_VERSION "0.1.0"
#endif
#ifndef ANNEXC_FONTDIR
#define ANNEXC_FONTDIR "/usr/local/share/annexc/fonts"
#endif
#ifndef ANNEXC_TEMPLATEDIR
#define ANNEXC_TEMPLATEDIR "/usr/local/share/annexc/templates"
#endif

#endif
