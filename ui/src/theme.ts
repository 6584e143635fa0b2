import { theme, type ThemeConfig } from 'antd';

// The one antd theme: the app renders with it, and the build renders every antd component the app
// imports with it once to write their styles into a CSS file (build/antdStyles.tsx), so antd does
// not generate them in JavaScript at start-up. Both must see this very object.
export const appTheme: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  // Every text at WCAG AA's 4.5:1 or better (e2e runs axe-core on every screen):
  // - secondary text carries instructions here ("粘贴到…", field hints): darker than antd's
  //   default grey (#8c8c8c, 3.4:1 on white), 6:1;
  // - the primary blue is a shade darker than antd's #1677ff (4.1:1 under white button text,
  //   as links and on tinted backgrounds), 5.6:1 on white, ≥ 5.1:1 on antd's tints;
  // - success/warning/error *text* (Typography, status tags) uses the dark shades of antd's
  //   palette (green-8, gold-8, red-7), as do a field's error line; icons and bars keep the bright ones.
  token: {
    colorPrimary: '#0f62d6',
    colorLink: '#0f62d6',
    // Hover stays a visible step lighter but keeps white text at 4.8:1 (antd's derived
    // hover, #3483e3, is 3.8:1 — axe caught it under the pointer after a click).
    colorPrimaryHover: '#2a6fd6',
    colorLinkHover: '#2a6fd6',
    colorInfo: '#0f62d6',
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
    colorErrorText: '#cf1322',
    borderRadius: 8,
    fontSize: 14,
    // antd's own list, with the Chinese UI fonts named and Linux's first. Linux (WebKitGTK) has
    // none of the Latin fonts listed, so every Chinese character went through fontconfig's
    // fallback: ~90 ms of the start screen's first frame (docs/benchmarks.md). Noto Sans CJK SC,
    // first, draws both scripts there. Windows and macOS rarely have it and keep what they drew:
    // Segoe UI / the system font for Latin, then Microsoft YaHei / PingFang SC, which their own
    // fallback picked for Chinese.
    fontFamily:
      "'Noto Sans CJK SC', -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Microsoft YaHei', 'PingFang SC', 'Noto Sans', sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol', 'Noto Color Emoji'",
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    // A status tag draws its text in colorSuccess/colorWarning/colorError/colorInfo.
    // A field's error line is drawn in colorError.
    Form: { colorError: '#cf1322' },
    Tag: { colorSuccess: '#237804', colorWarning: '#ad4e00', colorError: '#cf1322', colorInfo: '#0f62d6' },
  },
  // A fixed key for the CSS variables' scope class (antd would take React's useId, which differs
  // between the build's render and the app's), so the built CSS and the app agree.
  cssVar: { key: 'dingbind' },
};
