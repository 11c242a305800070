// What every screen of the player app reads: the session, the balance shown, the live connection.
import { createContext, useContext } from "./ui.js";

export const AppContext = createContext(null);
export const useApp = () => useContext(AppContext);

/** Opens a screen of the app by its route, e.g. go("wallet"). */
export const go = path => { location.hash = `#/${path}`; };
