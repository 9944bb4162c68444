import packageJson from '../../package.json' with { type: 'json' };

/** The product name shown to users. */
export const PRODUCT_NAME: string = packageJson.productName;

/** The app's version, from package.json. */
export const APP_VERSION: string = packageJson.version;
