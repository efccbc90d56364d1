// The dashboard's entry point: the only module with an effect at load.
import { init } from './app.js';

init(document);
