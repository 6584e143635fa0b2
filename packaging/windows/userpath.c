/*
 * userpath.exe — adds a folder to, or removes it from, the current user's PATH
 * (HKCU\Environment\Path), for the Dingbind installer and uninstaller.
 *
 *   userpath add DIR      append DIR unless an entry already names it
 *   userpath remove DIR   drop every entry that names DIR, nothing else
 *   userpath has DIR      exit 0 if an entry names DIR, 1 if none does
 *
 * Why a helper and not NSIS itself: Debian's makensis is built with NSIS_MAX_STRLEN=1024, and a
 * developer's PATH is often longer; NSIS string code would silently cut it. Why not PowerShell:
 * it is blocked by policy on many office PCs, and [Environment]::SetEnvironmentVariable turns a
 * REG_EXPAND_SZ Path into REG_SZ, breaking entries such as %USERPROFILE%\bin. This helper reads
 * and writes the value at whatever length it has, keeps its type (REG_EXPAND_SZ or REG_SZ) and
 * every other entry byte for byte, then tells running programs that the environment changed.
 * An entry "names DIR" when it is DIR compared case-insensitively, ignoring surrounding spaces,
 * quotes and a trailing backslash, before or after expanding %VARIABLES%.
 *
 * Exit codes: 0 done (or nothing to do), 1 `has` found nothing, 2 usage, 3 registry error,
 * 4 the Path value is not a string (left untouched), 5 out of memory.
 */
#define WIN32_LEAN_AND_MEAN
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Copies entry [s, s+n) into a fresh string without spaces, quotes or a trailing backslash
 * (a bare drive root such as C:\ keeps its backslash). */
static wchar_t *normalize(const wchar_t *s, size_t n) {
  while (n > 0 && (*s == L' ' || *s == L'\t' || *s == L'"')) { s++; n--; }
  while (n > 0 && (s[n - 1] == L' ' || s[n - 1] == L'\t' || s[n - 1] == L'"')) n--;
  while (n > 3 && (s[n - 1] == L'\\' || s[n - 1] == L'/')) n--;
  wchar_t *out = malloc((n + 1) * sizeof(wchar_t));
  if (!out) return NULL;
  memcpy(out, s, n * sizeof(wchar_t));
  out[n] = 0;
  return out;
}

static wchar_t *expand(const wchar_t *s) {
  DWORD need = ExpandEnvironmentStringsW(s, NULL, 0);
  if (need == 0) return NULL;
  wchar_t *out = malloc(need * sizeof(wchar_t));
  if (!out) return NULL;
  if (ExpandEnvironmentStringsW(s, out, need) == 0) { free(out); return NULL; }
  return out;
}

/* Whether the entry [s, s+n) names the folder `dir` (already normalized). */
static int names(const wchar_t *s, size_t n, const wchar_t *dir, const wchar_t *dir_expanded) {
  wchar_t *e = normalize(s, n);
  if (!e) return 0;
  int same = e[0] != 0 && (_wcsicmp(e, dir) == 0 || _wcsicmp(e, dir_expanded) == 0);
  if (!same && wcschr(e, L'%')) {
    wchar_t *x = expand(e);
    if (x) {
      wchar_t *xn = normalize(x, wcslen(x));
      if (xn) same = _wcsicmp(xn, dir) == 0 || _wcsicmp(xn, dir_expanded) == 0;
      free(xn);
      free(x);
    }
  }
  free(e);
  return same;
}

static void announce(void) {
  DWORD_PTR result;
  SendMessageTimeoutW(HWND_BROADCAST, WM_SETTINGCHANGE, 0, (LPARAM)L"Environment",
                      SMTO_ABORTIFHUNG, 5000, &result);
}

int wmain(int argc, wchar_t **argv) {
  if (argc != 3 || (wcscmp(argv[1], L"add") && wcscmp(argv[1], L"remove") && wcscmp(argv[1], L"has"))) {
    fwprintf(stderr, L"usage: userpath add|remove|has DIR\n");
    return 2;
  }
  const wchar_t *mode = argv[1];
  wchar_t *dir = normalize(argv[2], wcslen(argv[2]));
  if (!dir || !dir[0]) { fwprintf(stderr, L"userpath: empty folder\n"); return 2; }
  wchar_t *dir_x = expand(dir);
  wchar_t *dir_expanded = dir_x ? normalize(dir_x, wcslen(dir_x)) : NULL;
  if (!dir_expanded) return 5;

  HKEY key;
  LONG rc = RegCreateKeyExW(HKEY_CURRENT_USER, L"Environment", 0, NULL, 0,
                            KEY_QUERY_VALUE | KEY_SET_VALUE, NULL, &key, NULL);
  if (rc != ERROR_SUCCESS) { fwprintf(stderr, L"userpath: cannot open HKCU\\Environment (%ld)\n", rc); return 3; }

  DWORD type = REG_EXPAND_SZ, bytes = 0;
  wchar_t *old = NULL;
  size_t old_len = 0;
  rc = RegQueryValueExW(key, L"Path", NULL, &type, NULL, &bytes);
  if (rc == ERROR_FILE_NOT_FOUND) {
    type = REG_EXPAND_SZ;
  } else if (rc != ERROR_SUCCESS) {
    fwprintf(stderr, L"userpath: cannot read Path (%ld)\n", rc);
    return 3;
  } else {
    if (type != REG_SZ && type != REG_EXPAND_SZ) {
      fwprintf(stderr, L"userpath: Path is not a string value (type %lu); left as it is\n", type);
      return 4;
    }
    /* Room for a terminator the stored value may lack. */
    old = calloc(bytes / sizeof(wchar_t) + 2, sizeof(wchar_t));
    if (!old) return 5;
    rc = RegQueryValueExW(key, L"Path", NULL, &type, (BYTE *)old, &bytes);
    if (rc != ERROR_SUCCESS) { fwprintf(stderr, L"userpath: cannot read Path (%ld)\n", rc); return 3; }
    old_len = wcslen(old);
  }

  /* Walk the entries; build the value without ours (for remove) as we go. */
  wchar_t *kept = calloc(old_len + 1, sizeof(wchar_t));
  if (!kept) return 5;
  size_t kept_len = 0;
  int found = 0, first = 1;
  const wchar_t *p = old ? old : L"";
  for (;;) {
    const wchar_t *end = wcschr(p, L';');
    size_t n = end ? (size_t)(end - p) : wcslen(p);
    if (names(p, n, dir, dir_expanded)) {
      found = 1;
    } else {
      if (!first) kept[kept_len++] = L';';
      memcpy(kept + kept_len, p, n * sizeof(wchar_t));
      kept_len += n;
      first = 0;
    }
    if (!end) break;
    p = end + 1;
  }
  kept[kept_len] = 0;

  if (!wcscmp(mode, L"has")) return found ? 0 : 1;

  const wchar_t *value;
  wchar_t *grown = NULL;
  if (!wcscmp(mode, L"add")) {
    if (found) { wprintf(L"userpath: already on PATH\n"); return 0; }
    size_t dir_len = wcslen(argv[2]);
    grown = calloc(old_len + dir_len + 2, sizeof(wchar_t));
    if (!grown) return 5;
    memcpy(grown, old ? old : L"", old_len * sizeof(wchar_t));
    size_t len = old_len;
    if (len > 0 && grown[len - 1] != L';') grown[len++] = L';';
    memcpy(grown + len, dir, wcslen(dir) * sizeof(wchar_t));
    value = grown;
  } else {
    if (!found) { wprintf(L"userpath: not on PATH\n"); return 0; }
    value = kept;
  }

  if (!wcscmp(mode, L"remove") && value[0] == 0) {
    /* Ours was the only entry: the value goes, as it was before we added it. */
    rc = RegDeleteValueW(key, L"Path");
  } else {
    rc = RegSetValueExW(key, L"Path", 0, type, (const BYTE *)value,
                        (DWORD)((wcslen(value) + 1) * sizeof(wchar_t)));
  }
  if (rc != ERROR_SUCCESS) { fwprintf(stderr, L"userpath: cannot write Path (%ld)\n", rc); return 3; }
  RegCloseKey(key);
  announce();
  wprintf(L"userpath: %ls\n", !wcscmp(mode, L"add") ? L"added" : L"removed");
  return 0;
}
