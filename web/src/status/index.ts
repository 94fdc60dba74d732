// What other areas of the web app use from Status: the area itself and the profile's panel.
export { StatusArea } from './status-area';
export { PersonStatusPanel } from './person-status-panel';
