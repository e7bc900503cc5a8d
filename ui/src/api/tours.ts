// Tours and their stops.

import { call } from "./call";
import type { PreflightProblem, StopContent, Tour, TourSummary } from "./types";

export const tours = () => call<TourSummary[]>("tours");
export const tour = (id: string) => call<Tour>("tour", { id });
export const createTour = (nameZh: string, nameEn: string) => call<Tour>("create_tour", { nameZh, nameEn });
export const renameTour = (id: string, nameZh: string, nameEn: string) => call<Tour>("rename_tour", { id, nameZh, nameEn });
export const duplicateTour = (id: string) => call<Tour>("duplicate_tour", { id });
export const deleteTour = (id: string) => call<void>("delete_tour", { id });
export const addStop = (tourId: string, stop: StopContent) => call<Tour>("add_stop", { tourId, stop });
export const updateStop = (stopId: number, stop: StopContent) => call<Tour>("update_stop", { stopId, stop });
export const moveStop = (stopId: number, to: number) => call<Tour>("move_stop", { stopId, to });
export const deleteStop = (stopId: number) => call<Tour>("delete_stop", { stopId });
export const tourPreflight = (id: string) => call<PreflightProblem[]>("tour_preflight", { id });
