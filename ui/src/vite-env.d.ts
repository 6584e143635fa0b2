/// <reference types="vite/client" />

// vite.config.ts's antdStaticStyles: antd's styles, made at build time.
declare module 'virtual:antd-styles.css';
