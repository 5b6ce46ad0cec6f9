declare global {
  namespace NodeJS {
    interface ProcessEnv {
      DB_PASSWORD_HASH?: string;
    }
  }
}
export {};
